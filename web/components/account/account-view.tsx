'use client';

import { useState } from 'react';
import { useSession } from '../session/session';
import { Button } from '../ui/button';
import { SuccessNotice } from '../ui/notice';
import { PasswordChange } from './password-change';
import { ProfileEdit } from './profile-edit';
import { ProfileFacts } from './profile-facts';
import { RecoveryCodesSection } from './recovery-codes';
import { TotpSetUp } from './totp-set-up';

/**
 * The person's own account, the same for every role: their details (and editing what their
 * role may), their password, recovery codes, and, for patients, two-step log-in.
 */
export function AccountView() {
  const { me, refresh } = useSession();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <ProfileFacts me={me} />
        {editing ? (
          <ProfileEdit
            me={me}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              setSaved(true);
              void refresh();
            }}
          />
        ) : (
          <>
            {saved ? <SuccessNotice>Your details are saved.</SuccessNotice> : null}
            <Button
              variant="secondary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              Edit my details
            </Button>
          </>
        )}
      </section>
      <PasswordChange me={me} />
      <RecoveryCodesSection me={me} onChange={() => void refresh()} />
      {me.role === 'patient' && !me.totpEnabled ? (
        <TotpSetUp onDone={() => void refresh()} />
      ) : null}
    </>
  );
}

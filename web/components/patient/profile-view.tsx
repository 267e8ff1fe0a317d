'use client';

import { useState } from 'react';
import { api } from '@/lib/api';
import { useAction, useLoad } from '@/lib/hooks';
import { ProfileFacts } from '../account/profile-facts';
import { ShareForm } from '../consents/share-form';
import { everyRecordOf, liveRecords } from '../records/patient-records-view';
import { useSession } from '../session/session';
import { Button } from '../ui/button';
import { TextField } from '../ui/inputs';
import { StoppedAtLimit } from '../ui/load-more';
import { ErrorNotice, SuccessNotice } from '../ui/notice';

/** The patient's account, two-step log-in, and sharing records without a request. */
export function PatientProfileView() {
  const { me, refresh } = useSession();
  const records = useLoad(() => everyRecordOf(me.id), [me.id]);
  return (
    <>
      <h1>My profile</h1>
      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <ProfileFacts me={me} />
      </section>
      {!me.totpEnabled ? <TotpSetUp onDone={() => void refresh()} /> : null}
      <section id="share" aria-labelledby="share-heading">
        <h2 id="share-heading">Share my records with a doctor</h2>
        <p>
          Give a doctor access without waiting for them to ask. You can revoke it at any time under{' '}
          <a href="/patient/access">Access</a>.
        </p>
        <StoppedAtLimit complete={records.data?.complete ?? true}>
          Only your first {records.data?.items.length} records can be chosen here; to share later
          ones, share a whole category or all records.
        </StoppedAtLimit>
        <ShareForm records={liveRecords(records.data?.items)} />
      </section>
    </>
  );
}

/** Patients may add an authenticator app; from then on log-in asks for its code. */
function TotpSetUp({ onDone }: { onDone: () => void }) {
  const start = useAction();
  const confirm = useAction();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string }>();
  const [code, setCode] = useState('');
  const [done, setDone] = useState(false);
  if (done) return <SuccessNotice>Two-step log-in is on.</SuccessNotice>;
  return (
    <section className="card" aria-labelledby="totp-heading">
      <h2 id="totp-heading">Two-step log-in</h2>
      {!enrolment ? (
        <>
          <p>Protect your records with a code from an authenticator app at every log-in.</p>
          <Button
            variant="secondary"
            busy={start.busy}
            busyText="Preparing…"
            onClick={() => void start.run(() => api.startTotp()).then((e) => e && setEnrolment(e))}
          >
            Turn on two-step log-in
          </Button>
          <ErrorNotice error={start.error} />
        </>
      ) : (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void confirm
              .run(async () => {
                await api.confirmTotp({ code });
                return true;
              })
              .then((ok) => {
                if (ok) {
                  setDone(true);
                  onDone();
                }
              });
          }}
        >
          <p>
            Add an account in your authenticator app with the secret{' '}
            <code className="wrap">{enrolment.secret}</code> (or{' '}
            <a href={enrolment.uri}>open this link on your phone</a>), then enter the code it shows.
          </p>
          <TextField
            label="Code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onValue={(v) => setCode(v.replace(/\D/g, ''))}
          />
          <ErrorNotice error={confirm.error} title="Not turned on." />
          <Button type="submit" busy={confirm.busy} busyText="Checking…">
            Confirm
          </Button>
        </form>
      )}
    </section>
  );
}

'use client';

import type { Me } from '@patrec/contract';
import { useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { Button } from '../ui/button';
import { TextField } from '../ui/inputs';
import { ErrorNotice } from '../ui/notice';

/**
 * One-time recovery codes, shown once: each resets a forgotten password. The person keeps
 * them somewhere safe, apart from the password; nobody at PatRec can show them again.
 */
export function RecoveryCodeList({ codes, id }: { codes: readonly string[]; id: string }) {
  const [copied, setCopied] = useState(false);
  const text = `PatRec recovery codes for ${id}\nEach code resets a forgotten password once.\n\n${codes.join('\n')}\n`;
  return (
    <section className="recovery-codes" aria-labelledby="recovery-codes-heading">
      <h2 id="recovery-codes-heading">Your recovery codes</h2>
      <p>
        If you forget your password, one of these codes lets you set a new one (under &ldquo;Forgot
        your password?&rdquo; when you log in). Each works once. Keep them somewhere safe, apart
        from your password: they are shown only now.
      </p>
      <ol className="recovery-code-list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="actions">
        <Button
          variant="secondary"
          onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy the codes'}
        </Button>
        <a
          className="button button-secondary"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download={`patrec-recovery-codes-${id}.txt`}
        >
          Download as a text file
        </a>
      </div>
    </section>
  );
}

/** The account page's part: how many codes are left, and a new set for the password. */
export function RecoveryCodesSection({ me, onChange }: { me: Me; onChange: () => void }) {
  const action = useAction();
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [codes, setCodes] = useState<string[]>();
  const asksCode = me.role !== 'patient' || me.totpEnabled;
  const fieldErrors = action.error instanceof ApiFailure ? action.error.fieldErrors : {};
  const left = me.recoveryCodesLeft;
  return (
    <section className="card" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading">Recovery codes</h2>
      <p data-testid="recovery-codes-left">
        {left === 0
          ? 'You have no recovery codes: make a set now, so a forgotten password does not lock you out.'
          : `You have ${left} unused recovery code${left === 1 ? '' : 's'}.`}{' '}
        A new set replaces the old one.
      </p>
      {codes ? (
        <RecoveryCodeList codes={codes} id={me.id} />
      ) : (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void action
              .run(() => api.newRecoveryCodes({ password, ...(totp ? { totp } : {}) }))
              .then((set) => {
                if (!set) return;
                setCodes(set.codes);
                setPassword('');
                setTotp('');
                onChange();
              });
          }}
        >
          <TextField
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
            error={fieldErrors.password}
          />
          {asksCode ? (
            <TextField
              label="Authenticator code"
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              value={totp}
              onValue={(v) => setTotp(v.replace(/\D/g, ''))}
              error={fieldErrors.totp}
            />
          ) : null}
          <ErrorNotice error={action.error} title="No new codes made." />
          <Button type="submit" variant="secondary" busy={action.busy} busyText="Making codes…">
            Make a new set of recovery codes
          </Button>
        </form>
      )}
    </section>
  );
}

'use client';

import { useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { Button } from '../ui/button';
import { TextField } from '../ui/inputs';
import { ErrorNotice, SuccessNotice } from '../ui/notice';
import { TotpEnrolment } from './totp-enrolment';

/** Patients may add an authenticator app; from then on log-in asks for its code. */
export function TotpSetUp({ onDone }: { onDone: () => void }) {
  const start = useAction();
  const confirm = useAction();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string }>();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [done, setDone] = useState(false);
  if (done) return <SuccessNotice>Two-step log-in is on.</SuccessNotice>;
  return (
    <section className="card" aria-labelledby="two-step-heading">
      <h2 id="two-step-heading">Two-step log-in</h2>
      {!enrolment ? (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void start
              .run(() => api.startTotp({ password }))
              .then((e) => {
                if (!e) return;
                setPassword('');
                setEnrolment(e);
              });
          }}
        >
          <p>Protect your records with a code from an authenticator app at every log-in.</p>
          <TextField
            label="Your password"
            hint="So that nobody who finds you logged in can set it up for their own phone."
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
            error={start.error instanceof ApiFailure ? start.error.fieldErrors.password : undefined}
          />
          <ErrorNotice error={start.error} title="Not started." />
          <Button type="submit" variant="secondary" busy={start.busy} busyText="Preparing…">
            Turn on two-step log-in
          </Button>
        </form>
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
          <TotpEnrolment secret={enrolment.secret} uri={enrolment.uri}>
            <p>
              Scan the QR code with your authenticator app (or type the secret, or open the link on
              your phone), then enter the code the app shows.
            </p>
          </TotpEnrolment>
          <TextField
            label="Code from the app"
            name="code"
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

'use client';

import type { Me } from '@patrec/contract';
import { useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { Button } from '../ui/button';
import { ErrorSummary, type FieldProblemLine } from '../ui/error-summary';
import { TextField } from '../ui/inputs';
import { NewPasswordFields, PASSWORDS_DIFFER } from './new-password-fields';
import { ErrorNotice, SuccessNotice } from '../ui/notice';

const LABELS = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirm: 'New password again',
  totp: 'Authenticator code',
} as const;

/** A new password for the current one (and staff's code); the other sessions end. */
export function PasswordChange({ me }: { me: Me }) {
  const empty = { currentPassword: '', newPassword: '', confirm: '', totp: '' };
  const [values, setValues] = useState(empty);
  const [mismatch, setMismatch] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [ended, setEnded] = useState<number>();
  const action = useAction();
  const asksCode = me.role !== 'patient' || me.totpEnabled;
  const set = (name: keyof typeof empty) => (value: string) => {
    setEnded(undefined);
    setValues((current) => ({ ...current, [name]: value }));
  };
  const fieldErrors: Partial<Record<string, string>> =
    action.error instanceof ApiFailure ? action.error.fieldErrors : {};
  const problems: FieldProblemLine[] = Object.entries(LABELS).flatMap(([name, label]) => {
    const message = name === 'confirm' && mismatch ? PASSWORDS_DIFFER : fieldErrors[name];
    return message ? [{ name, label, message }] : [];
  });

  const submit = async () => {
    if (values.newPassword !== values.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const { currentPassword, newPassword, totp } = values;
    const changed = await action.run(() =>
      api.changePassword({ currentPassword, newPassword, ...(totp ? { totp } : {}) }),
    );
    if (!changed) return;
    setValues(empty);
    setEnded(changed.otherSessionsEnded);
  };

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setAttempt((count) => count + 1);
          void submit();
        }}
      >
        <ErrorSummary
          title="Password not changed. Please check:"
          attempt={attempt}
          problems={problems}
        />
        <TextField
          label={LABELS.currentPassword}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={values.currentPassword}
          onValue={set('currentPassword')}
          error={fieldErrors.currentPassword}
        />
        <NewPasswordFields
          name="newPassword"
          labels={{ password: LABELS.newPassword, confirm: LABELS.confirm }}
          password={values.newPassword}
          confirm={values.confirm}
          onPassword={set('newPassword')}
          onConfirm={set('confirm')}
          error={fieldErrors.newPassword}
          mismatch={mismatch}
        />
        {asksCode ? (
          <TextField
            label={LABELS.totp}
            hint="The 6-digit code your authenticator app shows now."
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            value={values.totp}
            onValue={(v) => set('totp')(v.replace(/\D/g, ''))}
            error={fieldErrors.totp}
          />
        ) : null}
        {problems.length === 0 ? (
          <ErrorNotice error={action.error} title="Password not changed." />
        ) : null}
        {ended !== undefined ? (
          <SuccessNotice>
            Password changed.{' '}
            {ended === 0
              ? 'You were not logged in anywhere else.'
              : `You were logged out on ${ended} other device${ended === 1 ? '' : 's'}.`}
          </SuccessNotice>
        ) : null}
        <Button type="submit" busy={action.busy} busyText="Changing…">
          Change password
        </Button>
      </form>
    </section>
  );
}

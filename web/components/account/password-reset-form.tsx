'use client';

import Link from 'next/link';
import { useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { Button } from '../ui/button';
import { ErrorSummary, type FieldProblemLine } from '../ui/error-summary';
import { TextField } from '../ui/inputs';
import { NewPasswordFields, PASSWORDS_DIFFER } from './new-password-fields';
import { ErrorNotice, SuccessNotice } from '../ui/notice';

const LABELS = {
  login: 'PatRec ID or e-mail',
  recoveryCode: 'Recovery code',
  newPassword: 'New password',
  confirm: 'New password again',
} as const;

/**
 * A forgotten password replaced with one of the recovery codes given at sign-up (PatRec sends
 * no e-mail). The code is spent, every session of the account ends, and the person then logs
 * in with the new password as usual.
 */
export function PasswordResetForm({ initialLogin }: { initialLogin?: string | undefined }) {
  const [values, setValues] = useState({
    login: initialLogin ?? '',
    recoveryCode: '',
    newPassword: '',
    confirm: '',
  });
  const [mismatch, setMismatch] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [codesLeft, setCodesLeft] = useState<number>();
  const action = useAction();
  const set = (name: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const fieldErrors: Partial<Record<string, string>> =
    action.error instanceof ApiFailure ? action.error.fieldErrors : {};
  const problems: FieldProblemLine[] = Object.entries(LABELS).flatMap(([name, label]) => {
    const message = name === 'confirm' && mismatch ? PASSWORDS_DIFFER : fieldErrors[name];
    return message ? [{ name, label, message }] : [];
  });

  if (codesLeft !== undefined) {
    return (
      <div className="card">
        <SuccessNotice>
          Your password is changed, and you are logged out everywhere. You have {codesLeft} unused
          recovery code{codesLeft === 1 ? '' : 's'} left
          {codesLeft < 3 ? ': make a new set under My account once you are logged in' : ''}.
        </SuccessNotice>
        <Link
          className="button button-primary"
          href={`/login?login=${encodeURIComponent(values.login.trim())}`}
        >
          Log in with the new password
        </Link>
      </div>
    );
  }

  const submit = async () => {
    if (values.newPassword !== values.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const done = await action.run(() =>
      api.resetPassword({
        login: values.login.trim(),
        recoveryCode: values.recoveryCode,
        newPassword: values.newPassword,
      }),
    );
    if (done) setCodesLeft(done.recoveryCodesLeft);
  };

  return (
    <form
      className="form card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setAttempt((count) => count + 1);
        void submit();
      }}
    >
      <p>
        Use one of the recovery codes you were given when you signed up (or made later under My
        account). Each code works once. Without one, ask your hospital&apos;s admin.
      </p>
      <ErrorSummary
        title="Password not changed. Please check:"
        attempt={attempt}
        problems={problems}
      />
      <TextField
        label={LABELS.login}
        name="login"
        autoComplete="username"
        required
        value={values.login}
        onValue={set('login')}
        error={fieldErrors.login}
      />
      <TextField
        label={LABELS.recoveryCode}
        hint="For example K7QM-3XZP-9WCD; case, spaces and dashes do not matter."
        name="recoveryCode"
        autoComplete="off"
        spellCheck={false}
        required
        value={values.recoveryCode}
        onValue={set('recoveryCode')}
        error={fieldErrors.recoveryCode}
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
      {problems.length === 0 ? (
        <ErrorNotice error={action.error} title="Password not changed." />
      ) : null}
      <Button type="submit" busy={action.busy} busyText="Checking the code…">
        Set the new password
      </Button>
      <p className="muted">
        Remembered it? <Link href="/login">Log in</Link>.
      </p>
    </form>
  );
}

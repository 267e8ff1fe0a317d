'use client';

import { MIN_PASSWORD_LENGTH } from '@patrec/contract/core';
import { TextField } from '../ui/inputs';

export const PASSWORDS_DIFFER = 'The two passwords differ: type the same password twice.';

/**
 * A new password typed twice, side by side: sign-up, a password change and a reset all ask
 * for one this way. `name` is the field the API takes (`password`, `newPassword`); the second
 * is `confirm`, which only this page checks.
 */
export function NewPasswordFields({
  name,
  labels,
  password,
  confirm,
  onPassword,
  onConfirm,
  error,
  mismatch,
}: {
  name: string;
  labels: { password: string; confirm: string };
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  /** The gateway's word on the password. */
  error: string | undefined;
  /** The two differ (checked at submit). */
  mismatch: boolean;
}) {
  return (
    <div className="grid-2">
      <TextField
        label={labels.password}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        name={name}
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        maxLength={128}
        value={password}
        onValue={onPassword}
        error={error}
      />
      <TextField
        label={labels.confirm}
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onValue={onConfirm}
        error={mismatch ? PASSWORDS_DIFFER : undefined}
      />
    </div>
  );
}

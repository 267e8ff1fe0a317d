'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { Button } from '../ui/button';
import { Field } from '../ui/field';
import { ErrorNotice } from '../ui/notice';

/** Log-in with a PatRec ID or e-mail, a password and, for staff, an authenticator code. */
export function LoginForm({ next, initialLogin }: { next?: string; initialLogin?: string }) {
  const router = useRouter();
  const [login, setLogin] = useState(initialLogin ?? '');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const action = useAction();

  const submit = async () => {
    const session = await action.run(async () => {
      try {
        const code = totp.trim();
        return await api.logIn({ login: login.trim(), password, ...(code ? { totp: code } : {}) });
      } catch (failure) {
        if (failure instanceof ApiFailure && failure.details.totpRequired === true) {
          setNeedsCode(true);
          setTimeout(() => codeInput.current?.focus(), 0);
        }
        throw failure;
      }
    });
    if (!session) return;
    const home = `/${session.user.role}`;
    router.replace(next?.startsWith(home) ? next : home);
  };

  return (
    <form
      className="form card"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Field label="PatRec ID or e-mail" hint="For example PAT177, DOC140 or you@example.org">
        {(control) => (
          <input
            {...control}
            name="login"
            autoComplete="username"
            required
            value={login}
            onChange={(e) => setLogin(e.target.value)}
          />
        )}
      </Field>
      <Field label="Password">
        {(control) => (
          <input
            {...control}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <Field
        label={needsCode ? 'Authenticator code' : 'Authenticator code (staff)'}
        hint="Doctors, admins and auditors: the 6-digit code from your authenticator app."
      >
        {(control) => (
          <input
            {...control}
            ref={codeInput}
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required={needsCode}
            value={totp}
            onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
          />
        )}
      </Field>
      <ErrorNotice error={action.error} title="Not logged in." />
      <Button type="submit" busy={action.busy} busyText="Logging in…">
        Log in
      </Button>
      <p className="muted">
        <Link
          href={`/login/reset${login.trim() ? `?login=${encodeURIComponent(login.trim())}` : ''}`}
        >
          Forgot your password?
        </Link>
      </p>
      <p className="muted">
        New here? <Link href="/signup/patient">Sign up as a patient</Link> or{' '}
        <Link href="/signup/doctor">as a doctor</Link>.
      </p>
    </form>
  );
}

'use client';

import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import { Button } from '../ui/button';
import { RecoveryCodeList } from './recovery-codes';

/** The page a sign-up ends on: the new ID, large, with a way to copy it and to log in. */
export function NewIdPanel({
  id,
  role,
  recoveryCodes,
  children,
}: {
  id: string;
  role: 'patient' | 'doctor';
  /** One-time codes for a forgotten password, shown only now. */
  recoveryCodes?: readonly string[] | undefined;
  /** What else the person must do before logging in (add the authenticator secret). */
  children?: ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <section className="card new-id-card" aria-labelledby="new-id-heading">
      <h1 id="new-id-heading">Welcome to PatRec</h1>
      <p>Your {role} ID is</p>
      <p className="new-id">
        <output aria-label={`Your new ${role} ID`} data-testid="new-id">
          {id}
        </output>
      </p>
      <p>
        Write it down: you log in with it (or your e-mail), and{' '}
        {role === 'patient'
          ? 'doctors find your records by it.'
          : 'patients and admins know you by it.'}
      </p>
      {children}
      {recoveryCodes?.length ? <RecoveryCodeList codes={recoveryCodes} id={id} /> : null}
      <div className="actions">
        <Button
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(id).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy ID'}
        </Button>
        <Link className="button button-primary" href={`/login?login=${encodeURIComponent(id)}`}>
          Log in now
        </Link>
      </div>
    </section>
  );
}

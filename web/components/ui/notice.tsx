import type { ReactNode } from 'react';
import { failureText } from '@/lib/failure';

/** An error where it happened, in words; nothing when there is none. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  if (error === undefined || error === null) return null;
  return (
    <div className="notice notice-error" role="alert">
      {title ? <strong>{title} </strong> : null}
      {failureText(error)}
    </div>
  );
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      {children}
    </div>
  );
}

export function InfoNotice({ children }: { children: ReactNode }) {
  return <div className="notice notice-info">{children}</div>;
}

/** A visible, announced wait: every call that goes to the ledger shows one. */
export function Loading({ children = 'Loading…' }: { children?: ReactNode }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

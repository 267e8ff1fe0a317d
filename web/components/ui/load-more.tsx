import type { ReactNode } from 'react';
import { Button } from './button';
import { ErrorNotice } from './notice';

/** Under a list read a page at a time: reads the next page while the list goes on. */
export function LoadMore({
  more,
  busy,
  error,
  onLoad,
  children = 'Load more',
}: {
  more: boolean;
  busy: boolean;
  error: unknown;
  onLoad: () => void;
  children?: ReactNode;
}) {
  return (
    <>
      {more ? (
        <Button variant="secondary" busy={busy} busyText="Loading…" onClick={onLoad}>
          {children}
        </Button>
      ) : null}
      <ErrorNotice error={error} title="The next page could not be loaded." />
    </>
  );
}

/** A count of what is loaded: "12", or "12+" while the list goes on past it. */
export const countSoFar = (count: number, more: boolean) => (more ? `${count}+` : String(count));

/** Says that a whole-list read stopped at its limit, and what that leaves out. */
export function StoppedAtLimit({ complete, children }: { complete: boolean; children: ReactNode }) {
  if (complete) return null;
  return (
    <p className="notice notice-info" role="status">
      {children}
    </p>
  );
}

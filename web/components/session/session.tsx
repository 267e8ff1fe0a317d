'use client';

import type { Me, Role } from '@patrec/contract';
import { usePathname, useRouter } from 'next/navigation';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { api, ApiFailure } from '@/lib/api';
import { ErrorNotice, Loading } from '../ui/notice';

interface SessionValue {
  me: Me;
  refresh: () => Promise<void>;
  logOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

/** The logged-in person; only inside a portal, where a session is guaranteed. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a portal');
  return value;
}

export const homeOf = (role: Role) => `/${role}`;

/**
 * Loads the person behind the session cookie and shows the portal only to the role it is
 * for: no session leads to the log-in page (coming back here afterwards), another role to
 * a word about where to go.
 */
export function RequireSession({ role, children }: { role: Role; children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<unknown>();

  // Read through a ref so that moving between the portal's pages does not reload the session.
  const here = useRef(pathname);
  here.current = pathname;

  const refresh = useCallback(async () => {
    try {
      setMe(await api.me());
      setError(undefined);
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.status === 401) {
        router.replace(`/login?next=${encodeURIComponent(here.current)}`);
        return;
      }
      setError(failure);
    }
  }, [router]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const logOut = useCallback(async () => {
    try {
      await api.logOut();
    } finally {
      router.replace('/login');
    }
  }, [router]);

  if (error) {
    return (
      <main className="page">
        <ErrorNotice error={error} title="Your account could not be loaded." />
      </main>
    );
  }
  if (!me) {
    return (
      <main className="page">
        <Loading>Checking your session…</Loading>
      </main>
    );
  }
  if (me.role !== role) {
    return (
      <main className="page">
        <h1>Not your portal</h1>
        <p>
          This part of PatRec is for {role}s; you are logged in as {me.id}, a {me.role}.{' '}
          <a href={homeOf(me.role)}>Go to your portal</a>.
        </p>
      </main>
    );
  }
  return (
    <SessionContext.Provider value={{ me, refresh, logOut }}>{children}</SessionContext.Provider>
  );
}

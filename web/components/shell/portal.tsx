'use client';

import type { Role } from '@patrec/contract';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { hospitalLabel } from '@/lib/words';
import { LiveEventsProvider, useLiveStatus } from '../live/live-events';
import { RequireSession, useSession } from '../session/session';
import { Button } from '../ui/button';

export interface NavItem {
  href: string;
  label: string;
}

const roleTitle: Record<Role, string> = {
  patient: 'Patient',
  doctor: 'Doctor',
  admin: 'Hospital admin',
  auditor: 'Auditor',
};

/** A role's part of the app: session check, live events, header and navigation. */
export function Portal({
  role,
  nav,
  notices,
  children,
}: {
  role: Role;
  nav: NavItem[];
  /** Shown under the header on every page of the portal (live notices). */
  notices?: ReactNode;
  children: ReactNode;
}) {
  return (
    <RequireSession role={role}>
      <LiveEventsProvider>
        <PortalFrame role={role} nav={nav} notices={notices}>
          {children}
        </PortalFrame>
      </LiveEventsProvider>
    </RequireSession>
  );
}

function PortalFrame({
  role,
  nav,
  notices,
  children,
}: {
  role: Role;
  nav: NavItem[];
  notices?: ReactNode;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const { me, logOut } = useSession();
  const [leaving, setLeaving] = useState(false);
  const current = (href: string) =>
    href === `/${role}` ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <>
      <header className="app-header">
        <div className="app-header-top">
          <Link href={`/${role}`} className="brand">
            PatRec <span className="brand-role">{roleTitle[role]}</span>
          </Link>
          <div className="whoami">
            <LiveIndicator />
            <span className="whoami-id" title={`${me.email}, ${hospitalLabel(me.hospital)}`}>
              {me.id}
            </span>
            <Button
              variant="secondary"
              busy={leaving}
              busyText="Logging out…"
              onClick={() => {
                setLeaving(true);
                void logOut();
              }}
            >
              Log out
            </Button>
          </div>
        </div>
        <nav aria-label={`${roleTitle[role]} navigation`} className="app-nav">
          <ul>
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {notices}
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}

function LiveIndicator() {
  const status = useLiveStatus();
  const text = {
    live: 'Live',
    connecting: 'Connecting…',
    polling: 'Live updates unavailable: refreshing every 15 s',
  }[status];
  return (
    <span className={`live live-${status}`} title={text}>
      <span className="live-dot" aria-hidden="true" />
      <span className="live-text">{status === 'polling' ? 'Refreshing' : text}</span>
      <span className="visually-hidden">{status === 'polling' ? text : ''}</span>
    </span>
  );
}

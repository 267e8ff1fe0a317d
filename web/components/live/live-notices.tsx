'use client';

import type { LedgerEvent, LedgerEventName } from '@patrec/contract';
import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import { useLedgerEvents } from './live-events';

export interface LiveNotice {
  key: string;
  text: ReactNode;
  href?: string;
  linkText?: string;
  urgent?: boolean;
}

/**
 * Banners for events that need the person's attention (a new request, an emergency
 * access), shown on whatever page they are on, until dismissed.
 */
export function LiveNotices<N extends LedgerEventName>({
  names,
  describe,
  closes,
}: {
  names: readonly N[];
  describe: (event: LedgerEvent & { name: N }) => LiveNotice | undefined;
  /** The key of a notice an event makes moot (a request that was decided), if any. */
  closes?: (event: LedgerEvent & { name: N }) => string | undefined;
}) {
  const [notices, setNotices] = useState<LiveNotice[]>([]);
  useLedgerEvents(names, (received) => {
    if (!received) return;
    // Only the events named are delivered here.
    const event = received as LedgerEvent & { name: N };
    const moot = closes?.(event);
    if (moot) setNotices((shown) => shown.filter((n) => n.key !== moot));
    const notice = describe(event);
    if (!notice) return;
    setNotices((shown) =>
      shown.some((n) => n.key === notice.key) ? shown : [notice, ...shown].slice(0, 5),
    );
  });
  if (notices.length === 0) return null;
  return (
    <section className="live-notices" aria-label="New for you">
      {notices.map((notice) => (
        <div
          key={notice.key}
          className={`live-notice${notice.urgent ? ' live-notice-urgent' : ''}`}
          role={notice.urgent ? 'alert' : 'status'}
        >
          <span className="live-notice-text">{notice.text}</span>
          {notice.href ? (
            <Link
              href={notice.href}
              onClick={() => setNotices((shown) => shown.filter((n) => n.key !== notice.key))}
            >
              {notice.linkText ?? 'Open'}
            </Link>
          ) : null}
          <button
            type="button"
            className="dismiss"
            aria-label="Dismiss"
            onClick={() => setNotices((shown) => shown.filter((n) => n.key !== notice.key))}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}

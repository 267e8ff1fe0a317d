'use client';

import { EVENTS_ABOUT } from '@patrec/contract/core';
import Link from 'next/link';
import { useState } from 'react';
import { api } from '@/lib/api';
import { useLoad } from '@/lib/hooks';
import { formatDateTime } from '@/lib/words';
import { Accessor } from '../access-log/accessor';
import { byState, PendingRequests } from '../consents/patient-access-view';
import { useLedgerEvents } from '../live/live-events';
import { liveRecords, myRecordsPage } from '../records/patient-records-view';
import { useSession } from '../session/session';
import { countSoFar, StoppedAtLimit } from '../ui/load-more';
import { ErrorNotice, Loading, SuccessNotice } from '../ui/notice';

/** The patient's home: what waits for them, who can read, and the latest access. */
export function PatientOverview() {
  const { me } = useSession();
  // What waits for a decision must be found wherever it is, and the ledger lists consents
  // oldest first: the overview reads them whole (the Access page reads them a page at a time).
  const consents = useLoad(() => api.everyConsent(), []);
  useLedgerEvents(EVENTS_ABOUT.consent, consents.reload);
  const { pending, active } = byState(consents.data?.items ?? []);
  // A count needs only the first page, and says "+" when there are more.
  const records = useLoad(() => myRecordsPage(me.id), [me.id]);
  useLedgerEvents(['RecordCreated', 'RecordDeleted'], records.reload);
  const recordCount = records.data
    ? countSoFar(liveRecords(records.data.items).length, records.data.bookmark !== '')
    : '…';
  // The ledger lists the log newest first: the latest access by someone else is on its first
  // page unless the patient's own views fill it.
  const log = useLoad(() => api.accessLogPage({}), []);
  useLedgerEvents(['RecordAccessed', 'DirectoryAccessed'], log.reload);
  const [message, setMessage] = useState<string>();
  const name = typeof me.profile.firstName === 'string' ? me.profile.firstName : me.id;
  const latest = log.data?.items.find((e) => e.accessorId !== me.id);

  return (
    <>
      <h1>Hello, {name}</h1>
      <p className="lead">
        Your patient ID is <strong className="id">{me.id}</strong>. Doctors find your records by it
        and read them only with your consent.
      </p>
      <div className="stats">
        <Link href="/patient/records" className="stat">
          <span className="stat-value">{recordCount}</span> records
        </Link>
        <Link href="/patient/access" className="stat">
          <span className="stat-value">{consents.data ? pending.length : '…'}</span> waiting for you
        </Link>
        <Link href="/patient/access" className="stat">
          <span className="stat-value">{consents.data ? active.length : '…'}</span> with access now
        </Link>
      </div>
      {message ? <SuccessNotice>{message}</SuccessNotice> : null}
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting for your decision</h2>
        <ErrorNotice error={consents.error} title="Your requests could not be loaded." />
        {consents.loading && !consents.data ? <Loading>Loading requests…</Loading> : null}
        <StoppedAtLimit complete={consents.data?.complete ?? true}>
          Only your first {consents.data?.items.length} consents were read; requests after them are
          on the <Link href="/patient/access">Access</Link> page.
        </StoppedAtLimit>
        {consents.data ? (
          <PendingRequests
            pending={pending}
            onDecided={(text) => {
              setMessage(text);
              consents.reload();
            }}
          />
        ) : null}
      </section>
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest access by someone else</h2>
        <ErrorNotice error={log.error} />
        {latest ? (
          <p>
            <Accessor entry={latest} />{' '}
            {latest.kind === 'directory'
              ? 'looked up your list of records'
              : latest.refusal
                ? `tried to read ${latest.recordId} and was refused`
                : `read ${latest.recordId}`}{' '}
            on {formatDateTime(latest.accessedAt)}.{' '}
            <Link href="/patient/history">Full history</Link>
          </p>
        ) : log.data?.bookmark ? (
          <p className="empty">
            Your own latest views are all there is on the first page: see the{' '}
            <Link href="/patient/history">full history</Link> for earlier accesses by others.
          </p>
        ) : log.data ? (
          <p className="empty">Nobody else has accessed your records.</p>
        ) : null}
      </section>
    </>
  );
}

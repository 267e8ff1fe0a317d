'use client';

import Link from 'next/link';
import { useState } from 'react';
import { api } from '@/lib/api';
import { useLoad } from '@/lib/hooks';
import { formatDateTime } from '@/lib/words';
import { Accessor } from '../access-log/accessor';
import { PendingRequests, usePatientConsents } from '../consents/patient-access-view';
import { useLedgerEvents } from '../live/live-events';
import { myRecords } from '../records/patient-records-view';
import { useSession } from '../session/session';
import { ErrorNotice, Loading, SuccessNotice } from '../ui/notice';

/** The patient's home: what waits for them, who can read, and the latest access. */
export function PatientOverview() {
  const { me } = useSession();
  const consents = usePatientConsents();
  const records = useLoad(() => myRecords(me.id), [me.id]);
  const log = useLoad(() => api.accessLog({}), []);
  useLedgerEvents(['RecordAccessed', 'DirectoryAccessed'], log.reload);
  const [message, setMessage] = useState<string>();
  const name = typeof me.profile.firstName === 'string' ? me.profile.firstName : me.id;
  const latest = [...(log.data ?? [])]
    .filter((e) => e.accessorId !== me.id)
    .sort((a, b) => b.accessedAt.localeCompare(a.accessedAt))[0];

  return (
    <>
      <h1>Hello, {name}</h1>
      <p className="lead">
        Your patient ID is <strong className="id">{me.id}</strong>. Doctors find your records by it
        and read them only with your consent.
      </p>
      <div className="stats">
        <Link href="/patient/records" className="stat">
          <span className="stat-value">{records.data?.length ?? '…'}</span> records
        </Link>
        <Link href="/patient/access" className="stat">
          <span className="stat-value">{consents.data ? consents.pending.length : '…'}</span>{' '}
          waiting for you
        </Link>
        <Link href="/patient/access" className="stat">
          <span className="stat-value">{consents.data ? consents.active.length : '…'}</span> with
          access now
        </Link>
      </div>
      {message ? <SuccessNotice>{message}</SuccessNotice> : null}
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting for your decision</h2>
        <ErrorNotice error={consents.error} title="Your requests could not be loaded." />
        {consents.loading && !consents.data ? <Loading>Loading requests…</Loading> : null}
        {consents.data ? (
          <PendingRequests
            pending={consents.pending}
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
              : `read ${latest.recordId}`}{' '}
            on {formatDateTime(latest.accessedAt)}.{' '}
            <Link href="/patient/history">Full history</Link>
          </p>
        ) : log.data ? (
          <p className="empty">Nobody else has accessed your records.</p>
        ) : null}
      </section>
    </>
  );
}

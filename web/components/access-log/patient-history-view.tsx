'use client';

import type { AccessLogEntry, Category, ConsentView } from '@patrec/contract';
import Link from 'next/link';
import { useState } from 'react';
import { api } from '@/lib/api';
import { useLoad, usePages } from '@/lib/hooks';
import { categoryLabel, formatDate, purposeLabel, refusalLabel } from '@/lib/words';
import { useLedgerEvents } from '../live/live-events';
import { everyRecordOf } from '../records/patient-records-view';
import { useSession } from '../session/session';
import { LoadMore } from '../ui/load-more';
import { Badge } from '../ui/status-badge';
import { ErrorNotice, Loading } from '../ui/notice';
import { Accessor } from './accessor';

const time = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Every access to the patient's records, newest first, grouped by day. */
export function PatientHistoryView({ recordFilter }: { recordFilter?: string }) {
  const { me } = useSession();
  const [record, setRecord] = useState(recordFilter ?? '');
  const [hideOwn, setHideOwn] = useState(true);
  // The ledger lists the log newest first: the timeline reads it a page at a time.
  const log = usePages(
    (bookmark) => api.accessLogPage(record ? { recordId: record } : {}, bookmark),
    [record],
  );
  const consents = useLoad(() => api.everyConsent(), []);
  const records = useLoad(() => everyRecordOf(me.id), [me.id]);
  useLedgerEvents(['RecordAccessed', 'DirectoryAccessed'], log.reload);

  const consentById = new Map((consents.data?.items ?? []).map((c) => [c.consentId, c]));
  const ownRecords = records.data?.items ?? [];
  const categoryOf = new Map(ownRecords.map((r) => [r.recordId, r.category]));
  const titleOf = new Map(ownRecords.map((r) => [r.recordId, r.title]));
  const entries = (log.items ?? []).filter((e) => !hideOwn || e.accessorId !== me.id);
  const days = new Map<string, AccessLogEntry[]>();
  for (const entry of entries) {
    const day = formatDate(entry.accessedAt);
    days.set(day, [...(days.get(day) ?? []), entry]);
  }

  return (
    <>
      <h1>Access history</h1>
      <p className="lead">
        Every time anyone opened one of your records or looked up your list of records, and every
        attempt the ledger refused, as the ledger recorded it.
      </p>
      <div className="filters card">
        <label>
          Record{' '}
          <select value={record} onChange={(e) => setRecord(e.target.value)}>
            <option value="">All records</option>
            {ownRecords.map((r) => (
              <option key={r.recordId} value={r.recordId}>
                {r.recordId} ({r.title ? `${r.title}, ` : ''}
                {categoryLabel[r.category]})
              </option>
            ))}
            {record && !ownRecords.some((r) => r.recordId === record) ? (
              <option value={record}>{record}</option>
            ) : null}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={hideOwn} onChange={(e) => setHideOwn(e.target.checked)} />
          Hide my own views
        </label>
      </div>
      <ErrorNotice error={log.error} title="The access history could not be loaded." />
      {log.loading && !log.items ? (
        <Loading>Reading the access log from the ledger…</Loading>
      ) : null}
      {log.items && entries.length === 0 && !log.more ? (
        <p className="empty">Nobody has accessed {record || 'your records'} yet.</p>
      ) : null}
      <ol className="timeline" aria-label="Access timeline">
        {[...days].map(([day, dayEntries]) => (
          <li key={day} className="timeline-day">
            <h2 className="timeline-date">{day}</h2>
            <ol>
              {dayEntries.map((entry) => (
                <TimelineEntry
                  key={entry.accessId}
                  entry={entry}
                  selfId={me.id}
                  consent={entry.consentId ? consentById.get(entry.consentId) : undefined}
                  category={entry.recordId ? categoryOf.get(entry.recordId) : undefined}
                  title={entry.recordId ? titleOf.get(entry.recordId) : undefined}
                />
              ))}
            </ol>
          </li>
        ))}
      </ol>
      <LoadMore more={log.more} busy={log.loadingMore} error={log.moreError} onLoad={log.loadMore}>
        Load older accesses
      </LoadMore>
    </>
  );
}

function TimelineEntry({
  entry,
  selfId,
  consent,
  category,
  title,
}: {
  entry: AccessLogEntry;
  selfId: string;
  consent: ConsentView | undefined;
  category: Category | undefined;
  /** The record's current title, when it has one. */
  title: string | null | undefined;
}) {
  return (
    <li
      className={`timeline-entry${entry.emergency ? ' timeline-emergency' : ''}${entry.refusal ? ' timeline-refused' : ''}`}
    >
      <time dateTime={entry.accessedAt}>{time.format(new Date(entry.accessedAt))}</time>
      <div className="timeline-body">
        <p>
          <Accessor entry={entry} selfId={selfId} />{' '}
          {entry.kind === 'directory' ? (
            'looked up your list of records'
          ) : (
            <>
              {entry.refusal ? 'tried to read' : 'read'}{' '}
              <Link href={`/patient/records/${entry.recordId}`}>
                <code>{entry.recordId}</code>
              </Link>
              {category ? ` (${title ? `${title}, ` : ''}${categoryLabel[category]})` : ''}
              {entry.version ? `, version ${entry.version}` : ''}
            </>
          )}
          {entry.emergency ? (
            <>
              {' '}
              <Badge tone="bad">Emergency access</Badge>
            </>
          ) : null}
        </p>
        <p className="muted">
          {entry.refusal ? (
            <>
              <Badge tone="bad">Refused</Badge> {refusalLabel[entry.refusal]}; nothing was shown
            </>
          ) : entry.consentId ? (
            <>
              Under consent <code title={entry.consentId}>{entry.consentId.slice(0, 11)}…</code>
              {consent
                ? consent.origin === 'emergency'
                  ? ' (emergency access)'
                  : consent.purpose
                    ? ` (${purposeLabel[consent.purpose]}, granted ${formatDate(consent.decidedAt)})`
                    : ` (shared by you, ${formatDate(consent.decidedAt)})`
                : null}
            </>
          ) : entry.accessorId === selfId ? (
            'Your own access'
          ) : entry.kind === 'directory' ? (
            'Record IDs and dates only; no contents'
          ) : (
            'No consent recorded'
          )}
        </p>
      </div>
    </li>
  );
}

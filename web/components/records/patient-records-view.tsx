'use client';

import type { ListedRecord, Page } from '@patrec/contract';
import { CATEGORIES } from '@patrec/contract/core';
import Link from 'next/link';
import { api, everyPage, type Gathered } from '@/lib/api';
import { usePages } from '@/lib/hooks';
import { categoryLabel, formatDateTime } from '@/lib/words';
import { useLedgerEvents } from '../live/live-events';
import { useSession } from '../session/session';
import { countSoFar, LoadMore } from '../ui/load-more';
import { ErrorNotice, Loading } from '../ui/notice';

/** A page of the patient's own list of records, deleted ones included. */
export async function myRecordsPage(patientId: string, bookmark = ''): Promise<Page<ListedRecord>> {
  const answer = await api.recordsPage(patientId, bookmark);
  // A patient is answered with their own list; the directory form is a doctor's.
  if (!('accessId' in answer)) return answer;
  const items = answer.items.map(({ readable: _, ...r }): ListedRecord => ({
    ...r,
    patientId,
    status: 'ACTIVE',
  }));
  return { items, bookmark: answer.bookmark };
}

/** Every record of the patient, deleted ones included, up to the read limit. */
export const everyRecordOf = (patientId: string): Promise<Gathered<ListedRecord>> =>
  everyPage((bookmark) => myRecordsPage(patientId, bookmark));

/** The records that are not deleted: those to show, and to grant access to. */
export const liveRecords = (records: ListedRecord[] | undefined) =>
  (records ?? []).filter((r) => r.status !== 'DELETED');

/**
 * The patient's records, a page at a time, by category, each by its title (entered, or made
 * from the record), opening to view or change.
 */
export function PatientRecordsView() {
  const { me } = useSession();
  const records = usePages((bookmark) => myRecordsPage(me.id, bookmark), [me.id]);
  useLedgerEvents(['RecordCreated', 'RecordUpdated', 'RecordDeleted'], records.reload);
  const list = liveRecords(records.items);

  return (
    <>
      <div className="page-title">
        <h1>My records</h1>
        <Link className="button button-primary" href="/patient/records/new">
          Add a record
        </Link>
      </div>
      <ErrorNotice error={records.error} title="Your records could not be loaded." />
      {records.loading && !records.items ? <Loading>Loading your records…</Loading> : null}
      {records.items && list.length === 0 && !records.more ? (
        <p className="empty">
          No records yet. <Link href="/patient/records/new">Fill in a form or upload a file</Link>.
        </p>
      ) : null}
      {CATEGORIES.map((category) => {
        const inCategory = list.filter((r) => r.category === category);
        if (inCategory.length === 0) return null;
        return (
          <section key={category} aria-labelledby={`category-${category}`}>
            <h2 id={`category-${category}`}>
              {categoryLabel[category]}{' '}
              <span className="count">{countSoFar(inCategory.length, records.more)}</span>
            </h2>
            <ul className="record-list">
              {inCategory.map((record) => (
                <li key={record.recordId}>
                  <Link href={`/patient/records/${record.recordId}`} className="record-link">
                    <code>{record.recordId}</code>
                    <span>
                      <strong className="record-title">
                        {record.title ?? categoryLabel[record.category]}
                      </strong>
                      <span className="muted">
                        {record.title ? ` · ${categoryLabel[record.category]}` : ''}
                        {record.version > 1 ? ` · version ${record.version}` : ''}
                      </span>
                    </span>
                    <span className="muted">
                      {record.updatedAt !== record.createdAt
                        ? `updated ${formatDateTime(record.updatedAt)}`
                        : `added ${formatDateTime(record.createdAt)}`}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {records.more ? (
        <p className="muted" role="status">
          {list.length} {list.length === 1 ? 'record' : 'records'} so far, in the order you added
          them.
        </p>
      ) : null}
      <LoadMore
        more={records.more}
        busy={records.loadingMore}
        error={records.moreError}
        onLoad={records.loadMore}
      />
    </>
  );
}

'use client';

import type { RecordSummary } from '@patrec/contract';
import { CATEGORIES } from '@patrec/contract/core';
import Link from 'next/link';
import { api } from '@/lib/api';
import { useLoad } from '@/lib/hooks';
import { categoryLabel, formatDateTime } from '@/lib/words';
import { useLedgerEvents } from '../live/live-events';
import { useSession } from '../session/session';
import { ErrorNotice, Loading } from '../ui/notice';

export async function myRecords(patientId: string): Promise<RecordSummary[]> {
  const answer = await api.records(patientId);
  return 'accessId' in answer
    ? answer.records.map((r) => ({ ...r, patientId, version: 0, status: 'ACTIVE' }))
    : answer.records;
}

/** The patient's records, by category, each opening to view, update or delete. */
export function PatientRecordsView() {
  const { me } = useSession();
  const records = useLoad(() => myRecords(me.id), [me.id]);
  useLedgerEvents(['RecordCreated', 'RecordUpdated', 'RecordDeleted'], records.reload);
  const list = (records.data ?? []).filter((r) => r.status !== 'DELETED');

  return (
    <>
      <div className="page-title">
        <h1>My records</h1>
        <Link className="button button-primary" href="/patient/records/new">
          Add a record
        </Link>
      </div>
      <ErrorNotice error={records.error} title="Your records could not be loaded." />
      {records.loading && !records.data ? <Loading>Loading your records…</Loading> : null}
      {records.data && list.length === 0 ? (
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
              {categoryLabel[category]} <span className="count">{inCategory.length}</span>
            </h2>
            <ul className="record-list">
              {inCategory.map((record) => (
                <li key={record.recordId}>
                  <Link href={`/patient/records/${record.recordId}`} className="record-link">
                    <code>{record.recordId}</code>
                    <span>
                      {categoryLabel[record.category]}
                      {record.version > 1 ? ` · version ${record.version}` : ''}
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
    </>
  );
}

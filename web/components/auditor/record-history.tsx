'use client';

import { ownerOfRecord } from '@patrec/contract/core';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api';
import { useLoad } from '@/lib/hooks';
import { categoryLabel } from '@/lib/words';
import { AccessTable } from '../access-log/access-table';
import { accessLogCsv, csvName, download } from '../access-log/csv';
import { Button } from '../ui/button';
import { TextField } from '../ui/inputs';
import { countSoFar, StoppedAtLimit } from '../ui/load-more';
import { ErrorNotice, Loading } from '../ui/notice';
import { LedgerHistory } from '../ledger/ledger-history';

/** One record's full history: every version on the ledger and every access to it. */
export function RecordHistory({ recordId }: { recordId: string }) {
  const router = useRouter();
  const [query, setQuery] = useState(recordId);
  const patientId = ownerOfRecord(recordId);
  const versions = useLoad(
    () => (patientId ? api.recordHistory(recordId) : Promise.resolve(undefined)),
    [recordId],
  );
  const log = useLoad(
    () => (patientId ? api.everyAccess({ recordId }) : Promise.resolve(undefined)),
    [recordId],
  );
  const accesses = log.data?.items;
  const complete = log.data?.complete ?? true;

  return (
    <>
      <h1>Record history</h1>
      <form
        className="form card inline-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          router.push(`/auditor/records?recordId=${query.trim().toUpperCase()}`);
        }}
      >
        <TextField
          label="Record ID"
          name="recordId"
          placeholder="PAT177REC0"
          required
          value={query}
          onValue={setQuery}
          autoComplete="off"
        />
        <Button type="submit">Show</Button>
      </form>
      {recordId && !patientId ? (
        <p role="alert" className="notice notice-error">
          Not a record ID: {recordId}. Record IDs look like PAT177REC0.
        </p>
      ) : null}
      {patientId ? (
        <>
          <section aria-labelledby="versions-heading">
            <h2 id="versions-heading">
              <code>{recordId}</code> on the ledger
            </h2>
            <ErrorNotice error={versions.error} title="The record's history could not be read." />
            {versions.loading && !versions.data ? <Loading /> : null}
            {versions.data ? (
              <LedgerHistory
                entries={versions.data}
                caption={`Every version of ${recordId}, newest first`}
                describe={(r) => (
                  <>
                    <strong>Version {r.version}</strong> · {categoryLabel[r.category]} · {r.status}
                    {r.updatedBy ? ` · by ${r.updatedBy}` : ''}
                    {r.contentHash ? (
                      <span className="person-detail">
                        hash <code title={r.contentHash}>{r.contentHash.slice(0, 16)}…</code>
                      </span>
                    ) : null}
                  </>
                )}
              />
            ) : null}
          </section>
          <section aria-labelledby="accesses-heading">
            <div className="page-title">
              <h2 id="accesses-heading">
                Every access{' '}
                <span className="count">{countSoFar(accesses?.length ?? 0, !complete)}</span>
              </h2>
              <Button
                variant="secondary"
                disabled={!accesses?.length}
                onClick={() =>
                  download(
                    csvName(`patrec-${recordId}-accesses`, accesses?.length ?? 0, complete),
                    accessLogCsv(accesses ?? []),
                  )
                }
              >
                Export CSV
              </Button>
            </div>
            <ErrorNotice error={log.error} />
            <StoppedAtLimit complete={complete}>
              Only the first {accesses?.length} accesses are shown and exported: PatRec stopped
              reading the log there, and the ledger holds more. The auditor&apos;s access log,
              filtered by this record, pages through them all.
            </StoppedAtLimit>
            {log.loading && !log.data ? <Loading>Reading the access log…</Loading> : null}
            {accesses && accesses.length > 0 ? (
              <AccessTable
                entries={accesses}
                caption={`Accesses to ${recordId}`}
                onConsent={(id) => router.push(`/auditor/consents/${id}`)}
              />
            ) : accesses ? (
              <p className="empty">Nobody has read this record.</p>
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}

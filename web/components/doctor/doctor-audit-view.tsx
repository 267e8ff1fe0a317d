'use client';

import { api } from '@/lib/api';
import { useLoad } from '@/lib/hooks';
import { AccessTable } from '../access-log/access-table';
import { accessLogCsv, csvName, download } from '../access-log/csv';
import { useLedgerEvents } from '../live/live-events';
import { useSession } from '../session/session';
import { Button } from '../ui/button';
import { StoppedAtLimit } from '../ui/load-more';
import { ErrorNotice, Loading } from '../ui/notice';

/** The doctor's own reads and look-ups, newest first, as the ledger holds them. */
export function DoctorAuditView() {
  const { me } = useSession();
  // Newest first from a log the ledger keeps oldest first: read whole, to the read limit.
  const log = useLoad(() => api.everyAccess({}), []);
  useLedgerEvents(['RecordAccessed', 'DirectoryAccessed'], log.reload);
  const complete = log.data?.complete ?? true;
  const entries = [...(log.data?.items ?? [])].sort((a, b) =>
    b.accessedAt.localeCompare(a.accessedAt),
  );
  const fileName = csvName(`patrec-access-${me.id}`, entries.length, complete);
  return (
    <>
      <div className="page-title">
        <h1>My access log</h1>
        <Button
          variant="secondary"
          disabled={entries.length === 0}
          onClick={() => download(fileName, accessLogCsv(entries))}
        >
          Export CSV
        </Button>
      </div>
      <p className="lead">
        Every record you read or were refused, and every patient you looked up, as the ledger
        recorded it.
      </p>
      <ErrorNotice error={log.error} title="Your access log could not be loaded." />
      <StoppedAtLimit complete={complete}>
        Only your first {entries.length} accesses are shown and exported: PatRec stopped reading the
        log there, and the ledger holds later ones.
      </StoppedAtLimit>
      {log.loading && !log.data ? <Loading>Reading the access log from the ledger…</Loading> : null}
      {log.data && entries.length === 0 ? (
        <p className="empty">You have not accessed any records yet.</p>
      ) : null}
      {entries.length > 0 ? (
        <AccessTable
          entries={entries}
          caption="My accesses"
          recordHref={(id) => `/doctor/records/${id}`}
        />
      ) : null}
    </>
  );
}

'use client';

import { useState } from 'react';
import { api } from '@/lib/api';
import { useAction, usePages } from '@/lib/hooks';
import { AccessTable } from '../access-log/access-table';
import { accessLogCsv, csvName, download } from '../access-log/csv';
import { useLedgerEvents } from '../live/live-events';
import { useSession } from '../session/session';
import { Button } from '../ui/button';
import { LoadMore, StoppedAtLimit } from '../ui/load-more';
import { ErrorNotice, Loading } from '../ui/notice';

/** The doctor's own reads and look-ups, newest first as the ledger lists them, a page at a time. */
export function DoctorAuditView() {
  const { me } = useSession();
  const log = usePages((bookmark) => api.accessLogPage({}, bookmark), []);
  useLedgerEvents(['RecordAccessed', 'DirectoryAccessed'], log.reload);
  const entries = log.items ?? [];
  // The export reads the whole log (to the read limit), not only the pages shown.
  const exporting = useAction();
  const [complete, setComplete] = useState(true);
  const exportCsv = async () => {
    const all = await exporting.run(() => api.everyAccess({}));
    if (!all) return;
    setComplete(all.complete);
    download(
      csvName(`patrec-access-${me.id}`, all.items.length, all.complete),
      accessLogCsv(all.items),
    );
  };
  return (
    <>
      <div className="page-title">
        <h1>My access log</h1>
        <Button
          variant="secondary"
          disabled={entries.length === 0}
          busy={exporting.busy}
          busyText="Reading the whole log…"
          onClick={() => void exportCsv()}
        >
          Export CSV
        </Button>
      </div>
      <p className="lead">
        Every record you read or were refused, and every patient you looked up, as the ledger
        recorded it.
      </p>
      <ErrorNotice error={log.error} title="Your access log could not be loaded." />
      <ErrorNotice error={exporting.error} title="The CSV could not be made." />
      <StoppedAtLimit complete={complete}>
        The CSV holds your latest accesses only: PatRec stopped reading the log at its limit, and
        the ledger holds older ones.
      </StoppedAtLimit>
      {log.loading && !log.items ? (
        <Loading>Reading the access log from the ledger…</Loading>
      ) : null}
      {log.items && entries.length === 0 ? (
        <p className="empty">You have not accessed any records yet.</p>
      ) : null}
      {entries.length > 0 ? (
        <AccessTable
          entries={entries}
          caption="My accesses"
          recordHref={(id) => `/doctor/records/${id}`}
        />
      ) : null}
      <LoadMore more={log.more} busy={log.loadingMore} error={log.moreError} onLoad={log.loadMore}>
        Load older accesses
      </LoadMore>
    </>
  );
}

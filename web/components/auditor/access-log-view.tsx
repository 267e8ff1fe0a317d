'use client';

import type { AccessLogEntry, AccessLogFilter } from '@patrec/contract';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { api, type Gathered } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { AccessTable } from '../access-log/access-table';
import { accessLogCsv, csvName, download } from '../access-log/csv';
import { Button } from '../ui/button';
import { TextField } from '../ui/inputs';
import { StoppedAtLimit } from '../ui/load-more';
import { ErrorNotice, Loading } from '../ui/notice';

/** Each filter as typed; blank means "any". */
type FilterDraft = Record<keyof AccessLogFilter, string>;

const emptyFilter: FilterDraft = { patientId: '', recordId: '', accessorId: '', from: '', to: '' };

/** datetime-local (the browser's local time) to ISO; empty stays empty. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

function filterOf(draft: FilterDraft): AccessLogFilter {
  const upper = (text: string) => text.trim().toUpperCase() || undefined;
  return {
    patientId: upper(draft.patientId),
    recordId: upper(draft.recordId),
    accessorId: upper(draft.accessorId),
    from: isoOf(draft.from),
    to: isoOf(draft.to),
  };
}

/** The auditor's access log: filters, pages, a consent's history on click, and CSV. */
export function AuditorAccessLog({ initial }: { initial: Partial<FilterDraft> }) {
  const router = useRouter();
  const [draft, setDraft] = useState<FilterDraft>({ ...emptyFilter, ...initial });
  const [shown, setShown] = useState<{
    filter: AccessLogFilter;
    entries: AccessLogEntry[];
    bookmark: string;
  }>();
  const search = useAction();
  const more = useAction();
  const exporting = useAction();
  const [exported, setExported] = useState<Gathered<AccessLogEntry>>();
  const set = (name: keyof FilterDraft) => (value: string) =>
    setDraft((d) => ({ ...d, [name]: value }));

  const run = async (filters = draft) => {
    const filter = filterOf(filters);
    const page = await search.run(() => api.accessLogPage(filter));
    if (page) setShown({ filter, entries: page.items, bookmark: page.bookmark });
  };
  const loadMore = async () => {
    if (!shown) return;
    const page = await more.run(() => api.accessLogPage(shown.filter, shown.bookmark));
    if (page)
      setShown({ ...shown, entries: [...shown.entries, ...page.items], bookmark: page.bookmark });
  };
  useEffect(() => {
    // Opened with filters (or none): show the first page at once.
    void run();
  }, []);

  const exportCsv = async () => {
    const filter = shown?.filter ?? filterOf(draft);
    setExported(undefined);
    const all = await exporting.run(() => api.everyAccess(filter));
    if (!all) return;
    setExported(all);
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const name = csvName(`patrec-access-log-${stamp}`, all.items.length, all.complete);
    download(name, accessLogCsv(all.items));
  };

  return (
    <>
      <div className="page-title">
        <h1>Access log</h1>
        <Button
          variant="secondary"
          busy={exporting.busy}
          busyText="Exporting…"
          onClick={() => void exportCsv()}
        >
          Export CSV
        </Button>
      </div>
      <p className="lead">
        Every read of a record, every refused attempt and every look-up of a patient&apos;s records,
        from the ledger, newest first.
      </p>
      <form
        className="form card filters"
        aria-label="Filter the access log"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <div className="grid-3">
          <TextField
            label="Patient ID"
            name="patientId"
            placeholder="PAT177"
            value={draft.patientId}
            onValue={set('patientId')}
            autoComplete="off"
          />
          <TextField
            label="Record ID"
            name="recordId"
            placeholder="PAT177REC0"
            value={draft.recordId}
            onValue={set('recordId')}
            autoComplete="off"
          />
          <TextField
            label="Accessor ID"
            name="accessorId"
            placeholder="DOC140"
            value={draft.accessorId}
            onValue={set('accessorId')}
            autoComplete="off"
          />
        </div>
        <div className="grid-2">
          <TextField
            label="From"
            name="from"
            type="datetime-local"
            value={draft.from}
            onValue={set('from')}
          />
          <TextField
            label="To (not including)"
            name="to"
            type="datetime-local"
            value={draft.to}
            onValue={set('to')}
          />
        </div>
        <div className="actions">
          <Button type="submit" busy={search.busy} busyText="Searching the ledger…">
            Search
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              // Cleared filters show the whole log again, not the last search's results.
              setDraft(emptyFilter);
              void run(emptyFilter);
            }}
          >
            Clear filters
          </Button>
        </div>
      </form>
      <ErrorNotice error={search.error} title="The log could not be searched." />
      <ErrorNotice error={exporting.error} title="Not exported." />
      <StoppedAtLimit complete={exported?.complete ?? true}>
        The export holds only the first {exported?.items.length} accesses: PatRec stops an export
        there. Narrow the filters (a time range, say) to export the rest.
      </StoppedAtLimit>
      {search.busy && !shown ? <Loading>Searching the access log…</Loading> : null}
      {shown ? (
        <section aria-label="Results">
          <p className="muted" role="status">
            {shown.entries.length} {shown.entries.length === 1 ? 'access' : 'accesses'}
            {shown.bookmark ? ' so far' : ''}
          </p>
          {shown.entries.length > 0 ? (
            <AccessTable
              entries={shown.entries}
              caption="Access log"
              onConsent={(consentId) => router.push(`/auditor/consents/${consentId}`)}
              recordHref={(recordId) => `/auditor/records?recordId=${recordId}`}
            />
          ) : (
            <p className="empty">Nothing matches these filters.</p>
          )}
          {shown.bookmark ? (
            <Button
              variant="secondary"
              busy={more.busy}
              busyText="Loading…"
              onClick={() => void loadMore()}
            >
              Load more
            </Button>
          ) : null}
          <ErrorNotice error={more.error} />
        </section>
      ) : null}
    </>
  );
}

'use client';

import type { ConsentView, ListedDirectoryEntry } from '@patrec/contract';
import { PATIENT_ID, scopeCovers } from '@patrec/contract/core';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { categoryLabel, consentState, formatDateTime } from '@/lib/words';
import { useDoctorConsents } from '../consents/doctor-consents';
import { RequestForm } from '../consents/request-form';
import type { ScopeDraft } from '../consents/scope-editor';
import { Button } from '../ui/button';
import { TextField } from '../ui/inputs';
import { countSoFar, LoadMore, StoppedAtLimit } from '../ui/load-more';
import { ErrorNotice, Loading } from '../ui/notice';
import { Badge } from '../ui/status-badge';
import { PatientBanner } from './patient-banner';

/** The pages of one patient's directory read so far. */
interface Directory {
  patientId: string;
  records: ListedDirectoryEntry[];
  bookmark: string;
}

/** A page of a patient's directory: a look-up the ledger logs. */
async function directoryPage(patientId: string, bookmark = '') {
  const answer = await api.recordsPage(patientId, bookmark);
  // A doctor is answered with the directory; the owner's list is every record readable.
  const records: ListedDirectoryEntry[] =
    'accessId' in answer ? answer.items : answer.items.map((r) => ({ ...r, readable: true }));
  return { records, bookmark: answer.bookmark };
}

/**
 * Find a patient by ID: their record IDs, categories and dates a page at a time (each page
 * a look-up logged on the ledger), each with Read when a grant covers it (and then its
 * title) and Request when none does.
 */
export function FindPatientView({ initialId }: { initialId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [query, setQuery] = useState(initialId);
  const [directory, setDirectory] = useState<Directory>();
  const lookUp = useAction();
  const more = useAction();
  const consents = useDoctorConsents();
  const [scope, setScope] = useState<ScopeDraft>({ kind: 'all', categories: [], records: [] });
  const [asking, setAsking] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const search = async (patientId: string) => {
    setDirectory(undefined);
    setAsking(false);
    const found = await lookUp.run(() => directoryPage(patientId));
    if (found) setDirectory({ patientId, ...found });
  };
  const loadMore = async () => {
    if (!directory?.bookmark) return;
    const { patientId, bookmark } = directory;
    const page = await more.run(() => directoryPage(patientId, bookmark));
    if (page) {
      setDirectory((shown) =>
        shown?.patientId === patientId && shown.bookmark === bookmark
          ? { patientId, records: [...shown.records, ...page.records], bookmark: page.bookmark }
          : shown,
      );
    }
  };

  useEffect(() => {
    if (PATIENT_ID.test(initialId)) void search(initialId);
    // Only the ID the page was opened with; later searches come from the form.
  }, [initialId]);

  useEffect(() => {
    if (asking) form.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [asking, scope]);

  const mine = (consents.data?.items ?? []).filter((c) => c.patientId === directory?.patientId);
  const covering = (record: ListedDirectoryEntry, state: 'active' | 'pending') =>
    mine.find((c: ConsentView) => consentState(c) === state && scopeCovers(c.scope, record));

  return (
    <>
      <h1>Find a patient</h1>
      <form
        className="form card inline-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const id = query.trim().toUpperCase();
          if (!PATIENT_ID.test(id)) return;
          router.replace(`${pathname}?id=${id}`);
          void search(id);
        }}
      >
        <TextField
          label="Patient ID"
          name="patientId"
          placeholder="PAT177"
          required
          pattern="[Pp][Aa][Tt][0-9]+"
          value={query}
          onValue={setQuery}
          autoComplete="off"
        />
        <Button type="submit" busy={lookUp.busy} busyText="Looking up…">
          Find
        </Button>
      </form>
      <ErrorNotice error={lookUp.error} title="No records shown." />
      {lookUp.busy ? (
        <Loading>Looking up the patient on the ledger (this look-up is logged)…</Loading>
      ) : null}
      {directory ? (
        <section aria-labelledby="directory-heading">
          <h2 id="directory-heading">
            {directory.patientId}&apos;s records{' '}
            <span className="count">
              {countSoFar(directory.records.length, directory.bookmark !== '')}
            </span>
          </h2>
          <PatientBanner patientId={directory.patientId} />
          <p className="muted">
            IDs, categories and dates only; titles and contents need the patient&apos;s consent.
            This look-up is in their access history, and so is each further page you load.
          </p>
          <StoppedAtLimit complete={consents.data?.complete ?? true}>
            Only your first {consents.data?.items.length} consents were checked: a record may offer
            Request although you hold a grant that covers it.
          </StoppedAtLimit>
          {directory.records.length === 0 ? (
            <p className="empty">
              {directory.bookmark
                ? 'None of the records read so far is current.'
                : 'This patient has no records yet.'}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Record</th>
                    <th scope="col">Title</th>
                    <th scope="col">Category</th>
                    <th scope="col">Added</th>
                    <th scope="col">Updated</th>
                    <th scope="col">
                      <span className="visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {directory.records.map((record) => {
                    // The ledger says whether a grant in force covers it, as of this look-up.
                    const grant = record.readable || covering(record, 'active');
                    const pending = covering(record, 'pending');
                    return (
                      <tr key={record.recordId}>
                        <th scope="row">
                          <code>{record.recordId}</code>
                        </th>
                        <td data-label="Title">
                          {record.title ?? <span className="muted">With consent</span>}
                        </td>
                        <td data-label="Category">{categoryLabel[record.category]}</td>
                        <td data-label="Added">{formatDateTime(record.createdAt)}</td>
                        <td data-label="Updated">{formatDateTime(record.updatedAt)}</td>
                        <td className="row-actions">
                          {grant ? (
                            <Link
                              className="button button-primary"
                              href={`/doctor/records/${record.recordId}`}
                              aria-label={`Read ${record.recordId}`}
                            >
                              Read
                            </Link>
                          ) : pending ? (
                            <Badge tone="warn">Requested</Badge>
                          ) : (
                            <Button
                              variant="secondary"
                              aria-label={`Request ${record.recordId}`}
                              onClick={() => {
                                setScope({
                                  kind: 'records',
                                  categories: [],
                                  records: [record.recordId],
                                });
                                setAsking(true);
                              }}
                            >
                              Request
                            </Button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <LoadMore
            more={directory.bookmark !== ''}
            busy={more.busy}
            error={more.error}
            onLoad={() => void loadMore()}
          />
          <div className="actions">
            {!asking ? (
              <Button variant="secondary" onClick={() => setAsking(true)}>
                Request access…
              </Button>
            ) : null}
            <Link
              className="button button-secondary"
              href={`/doctor/records/new?patientId=${directory.patientId}`}
            >
              Add a record
            </Link>
            <Link
              className="button button-secondary"
              href={`/doctor/emergency?patientId=${directory.patientId}`}
            >
              Emergency access
            </Link>
          </div>
          {asking ? (
            <RequestForm
              ref={form}
              patientId={directory.patientId}
              records={directory.records}
              scope={scope}
              onScope={setScope}
              onSent={() => consents.reload()}
            />
          ) : null}
        </section>
      ) : null}
    </>
  );
}

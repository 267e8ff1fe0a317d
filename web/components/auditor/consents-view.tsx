'use client';

import type { ConsentView } from '@patrec/contract';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import { usePages, type Pages } from '@/lib/hooks';
import { formatDateTime, shortId } from '@/lib/words';
import { ConsentStatusBadge } from '../consents/consent-terms';
import { Button } from '../ui/button';
import { TextField } from '../ui/inputs';
import { countSoFar, LoadMore } from '../ui/load-more';
import { ErrorNotice, Loading } from '../ui/notice';

interface Filter {
  patientId: string;
  doctorId: string;
}

const noFilter: Filter = { patientId: '', doctorId: '' };

/**
 * The auditor's consents: every emergency grant on the network, the consents of a patient, a
 * doctor or the two together, each a page at a time from the ledger, and one opened by its ID.
 */
export function ConsentsView() {
  const [draft, setDraft] = useState<Filter>(noFilter);
  const [filter, setFilter] = useState<Filter>();
  const found = usePages(
    (bookmark) =>
      filter
        ? api.auditConsentsPage(
            {
              ...(filter.patientId ? { patientId: filter.patientId } : {}),
              ...(filter.doctorId ? { doctorId: filter.doctorId } : {}),
            },
            bookmark,
          )
        : Promise.resolve({ items: [], bookmark: '' }),
    [filter?.patientId, filter?.doctorId],
  );
  const emergencies = usePages((bookmark) => api.emergencyGrantsPage(bookmark), []);
  const fieldErrors = found.error instanceof ApiFailure ? found.error.fieldErrors : {};
  const set = (name: keyof Filter) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value.trim().toUpperCase() }));
  return (
    <>
      <h1>Consents</h1>
      <p className="lead">
        Every consent as the ledger holds it, oldest first: find those of a patient, a doctor or the
        two together, or look through every emergency access.
      </p>
      <form
        className="form card filters"
        role="search"
        aria-label="Find consents"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(draft);
        }}
      >
        <TextField
          label="Patient ID"
          name="patientId"
          placeholder="PAT…"
          autoComplete="off"
          value={draft.patientId}
          onValue={set('patientId')}
          error={fieldErrors.patientId}
        />
        <TextField
          label="Doctor ID"
          name="doctorId"
          placeholder="DOC…"
          autoComplete="off"
          value={draft.doctorId}
          onValue={set('doctorId')}
          error={fieldErrors.doctorId}
        />
        <div className="actions">
          <Button type="submit">Find consents</Button>
          <Button
            variant="secondary"
            onClick={() => {
              setDraft(noFilter);
              setFilter(undefined);
            }}
          >
            Clear
          </Button>
        </div>
      </form>
      {filter ? (
        <ConsentList
          heading={`Consents of ${[filter.patientId, filter.doctorId].filter(Boolean).join(' and ')}`}
          pages={found}
          empty="No consents on the ledger for this search."
          failure={fieldErrors.patientId || fieldErrors.doctorId ? undefined : found.error}
        />
      ) : null}
      <ConsentList
        heading="Emergency accesses"
        pages={emergencies}
        empty="No doctor has declared an emergency on this network."
        failure={emergencies.error}
      />
      <ConsentById />
    </>
  );
}

function ConsentList({
  heading,
  pages,
  empty,
  failure,
}: {
  heading: string;
  pages: Pages<ConsentView>;
  empty: string;
  failure: unknown;
}) {
  const items = pages.items ?? [];
  return (
    <section aria-label={heading}>
      <h2>
        {heading} {pages.items ? `(${countSoFar(items.length, pages.more)})` : null}
      </h2>
      <ErrorNotice error={failure} title="The consents could not be read." />
      {pages.loading && !pages.items ? <Loading>Reading consents from the ledger…</Loading> : null}
      {pages.items && items.length === 0 ? <p className="empty">{empty}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Consent</th>
                <th scope="col">Patient</th>
                <th scope="col">Doctor</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((consent) => (
                <tr key={consent.consentId}>
                  <td>
                    <Link href={`/auditor/consents/${consent.consentId}`} title={consent.consentId}>
                      <code>{shortId(consent.consentId)}</code>
                    </Link>
                  </td>
                  <td>{consent.patientId}</td>
                  <td>{consent.doctorId}</td>
                  <td>{formatDateTime(consent.createdAt)}</td>
                  <td>
                    <ConsentStatusBadge consent={consent} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore
        more={pages.more}
        busy={pages.loadingMore}
        error={pages.moreError}
        onLoad={pages.loadMore}
      >
        Load more consents
      </LoadMore>
    </section>
  );
}

/** A consent opened by its whole ID (from an export, a patient's question). */
function ConsentById() {
  const router = useRouter();
  const [consentId, setConsentId] = useState('');
  return (
    <details className="by-id">
      <summary>Open a consent by its ID</summary>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          router.push(`/auditor/consents/${consentId.trim()}`);
        }}
      >
        <TextField
          label="Consent ID"
          name="consentId"
          required
          value={consentId}
          onValue={setConsentId}
          autoComplete="off"
        />
        <Button type="submit">Open</Button>
      </form>
    </details>
  );
}

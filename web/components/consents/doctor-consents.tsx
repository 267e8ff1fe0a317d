'use client';

import type { ConsentView } from '@patrec/contract';
import { EVENTS_ABOUT } from '@patrec/contract/core';
import Link from 'next/link';
import { api } from '@/lib/api';
import { useLoad, usePages } from '@/lib/hooks';
import { consentState, formatDateTime, scopeText } from '@/lib/words';
import { useLedgerEvents } from '../live/live-events';
import { countSoFar, LoadMore } from '../ui/load-more';
import { ErrorNotice, Loading } from '../ui/notice';
import { ConsentStatusBadge, ConsentTerms } from './consent-terms';

/**
 * Every one of the doctor's own requests and grants (to the read limit), live: what finds
 * the grant that covers a record. The list the doctor reads goes a page at a time instead.
 */
export function useDoctorConsents() {
  const consents = useLoad(() => api.everyConsent(), []);
  useLedgerEvents(EVENTS_ABOUT.consent, consents.reload);
  return consents;
}

function GrantLinks({ consent }: { consent: ConsentView }) {
  return (
    <div className="actions">
      {'records' in consent.scope
        ? consent.scope.records.map((recordId) => (
            <Link
              key={recordId}
              className="button button-primary"
              href={`/doctor/records/${recordId}`}
            >
              Read {recordId}
            </Link>
          ))
        : null}
      <Link className="button button-secondary" href={`/doctor/patients?id=${consent.patientId}`}>
        {consent.patientId}&apos;s records
      </Link>
      {consent.permission === 'read-write' ? (
        <Link
          className="button button-secondary"
          href={`/doctor/records/new?patientId=${consent.patientId}`}
        >
          Add a record
        </Link>
      ) : null}
    </div>
  );
}

/** Granted records to read, requests still waiting, and what ended. */
export function DoctorConsentsView() {
  const consents = usePages((bookmark) => api.consentsPage(bookmark), []);
  useLedgerEvents(EVENTS_ABOUT.consent, consents.reload);
  const all = [...(consents.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const active = all.filter((c) => consentState(c) === 'active');
  const pending = all.filter((c) => consentState(c) === 'pending');
  const ended = all.filter((c) => !['active', 'pending'].includes(consentState(c)));
  const count = (list: ConsentView[]) => countSoFar(list.length, consents.more);
  return (
    <>
      <ErrorNotice error={consents.error} title="Your consents could not be loaded." />
      {consents.loading && !consents.items ? <Loading>Loading your consents…</Loading> : null}
      {consents.items ? (
        <>
          {consents.more ? (
            <p className="muted" role="status">
              {all.length} consents so far, oldest first on the ledger: load more to see newer ones.
            </p>
          ) : null}
          <section aria-labelledby="granted-heading">
            <h2 id="granted-heading">
              Granted to you <span className="count">{count(active)}</span>
            </h2>
            {active.length === 0 ? (
              <p className="empty">No patient has granted you access right now.</p>
            ) : (
              <div className="cards">
                {active.map((consent) => (
                  <article
                    key={consent.consentId}
                    className={`card consent-card${consent.origin === 'emergency' ? ' consent-emergency' : ''}`}
                    aria-label={`Grant from ${consent.patientId}`}
                  >
                    <header className="consent-card-header">
                      <strong>{consent.patientId}</strong>
                      <ConsentStatusBadge consent={consent} />
                    </header>
                    <ConsentTerms consent={consent} />
                    <GrantLinks consent={consent} />
                  </article>
                ))}
              </div>
            )}
          </section>
          <section aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">
              Waiting for the patient <span className="count">{count(pending)}</span>
            </h2>
            {pending.length === 0 ? (
              <p className="empty">No requests are waiting.</p>
            ) : (
              <ul className="plain-list">
                {pending.map((consent) => (
                  <li key={consent.consentId}>
                    <strong>{consent.patientId}</strong>: {scopeText(consent.scope)}, asked{' '}
                    {formatDateTime(consent.createdAt)} <ConsentStatusBadge consent={consent} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="ended-heading">
            <h2 id="ended-heading">
              Ended <span className="count">{count(ended)}</span>
            </h2>
            {ended.length === 0 ? (
              <p className="empty">Nothing has ended.</p>
            ) : (
              <ul className="plain-list">
                {ended.map((consent) => (
                  <li key={consent.consentId}>
                    <strong>{consent.patientId}</strong>: {scopeText(consent.scope)}{' '}
                    <ConsentStatusBadge consent={consent} />
                    {consent.revokedAt ? (
                      <span className="muted"> on {formatDateTime(consent.revokedAt)}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <LoadMore
            more={consents.more}
            busy={consents.loadingMore}
            error={consents.moreError}
            onLoad={consents.loadMore}
          />
        </>
      ) : null}
    </>
  );
}

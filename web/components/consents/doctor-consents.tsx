'use client';

import type { ConsentView } from '@patrec/contract';
import { EVENTS_ABOUT } from '@patrec/contract/core';
import Link from 'next/link';
import { api } from '@/lib/api';
import { useLoad } from '@/lib/hooks';
import { consentState, formatDateTime, scopeText } from '@/lib/words';
import { useLedgerEvents } from '../live/live-events';
import { ErrorNotice, Loading } from '../ui/notice';
import { ConsentStatusBadge, ConsentTerms } from './consent-terms';

/** The doctor's own requests and grants, live. */
export function useDoctorConsents() {
  const consents = useLoad(() => api.consents(), []);
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
  const consents = useDoctorConsents();
  const all = [...(consents.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const active = all.filter((c) => consentState(c) === 'active');
  const pending = all.filter((c) => consentState(c) === 'pending');
  const ended = all.filter((c) => !['active', 'pending'].includes(consentState(c)));
  return (
    <>
      <ErrorNotice error={consents.error} title="Your consents could not be loaded." />
      {consents.loading && !consents.data ? <Loading>Loading your consents…</Loading> : null}
      {consents.data ? (
        <>
          <section aria-labelledby="granted-heading">
            <h2 id="granted-heading">
              Granted to you <span className="count">{active.length}</span>
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
              Waiting for the patient <span className="count">{pending.length}</span>
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
              Ended <span className="count">{ended.length}</span>
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
        </>
      ) : null}
    </>
  );
}

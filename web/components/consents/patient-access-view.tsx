'use client';

import type { ConsentView } from '@patrec/contract';
import { EVENTS_ABOUT } from '@patrec/contract/core';
import Link from 'next/link';
import { useState } from 'react';
import { api } from '@/lib/api';
import { useLoad, usePages } from '@/lib/hooks';
import { consentState } from '@/lib/words';
import { DoctorName } from '../doctor-directory/doctor-card';
import { useLedgerEvents } from '../live/live-events';
import { everyRecordOf, liveRecords } from '../records/patient-records-view';
import { useSession } from '../session/session';
import { countSoFar, LoadMore, StoppedAtLimit } from '../ui/load-more';
import { ErrorNotice, Loading, SuccessNotice } from '../ui/notice';
import { ConsentStatusBadge, ConsentTerms } from './consent-terms';
import { ActiveGrantCard, PendingRequestCard } from './patient-decisions';

const newestFirst = (a: ConsentView, b: ConsentView) => b.createdAt.localeCompare(a.createdAt);

/** Consents newest first, by what they mean now: waiting, active, ended. */
export function byState(consents: ConsentView[]) {
  const all = [...consents].sort(newestFirst);
  return {
    pending: all.filter((c) => consentState(c) === 'pending'),
    active: all.filter((c) => consentState(c) === 'active'),
    ended: all.filter((c) => !['pending', 'active'].includes(consentState(c))),
  };
}

/** The patient's consents a page at a time, live: each change on the ledger reloads them. */
export function usePatientConsents() {
  const consents = usePages((bookmark) => api.consentsPage(bookmark), []);
  useLedgerEvents(EVENTS_ABOUT.consent, consents.reload);
  return { ...consents, ...byState(consents.items ?? []) };
}

/** Requests waiting for a decision, as cards to approve (maybe narrowed) or reject. */
export function PendingRequests({
  pending,
  onDecided,
}: {
  pending: ConsentView[];
  onDecided: (message: string) => void;
}) {
  const { me } = useSession();
  const records = useLoad(() => everyRecordOf(me.id), [me.id]);
  if (pending.length === 0) return <p className="empty">No requests are waiting for you.</p>;
  return (
    <>
      <StoppedAtLimit complete={records.data?.complete ?? true}>
        Only your first {records.data?.items.length} records can be chosen when you narrow a request
        here.
      </StoppedAtLimit>
      <div className="cards">
        {pending.map((consent) => (
          <PendingRequestCard
            key={consent.consentId}
            consent={consent}
            records={liveRecords(records.data?.items)}
            onDecided={onDecided}
          />
        ))}
      </div>
    </>
  );
}

/** Who may see the patient's records: requests to decide, active access, and what ended. */
export function PatientAccessView() {
  const consents = usePatientConsents();
  const [message, setMessage] = useState<string>();
  const done = (text: string) => {
    setMessage(text);
    consents.reload();
  };

  return (
    <>
      <h1>Who can see my records</h1>
      {message ? <SuccessNotice>{message}</SuccessNotice> : null}
      <ErrorNotice error={consents.error} title="Your consents could not be loaded." />
      {consents.loading && !consents.items ? <Loading>Loading your consents…</Loading> : null}
      {consents.items ? (
        <>
          {consents.more ? (
            <p className="muted" role="status">
              {consents.items.length} consents so far, oldest first on the ledger: load more to see
              newer ones, requests waiting for you among them.
            </p>
          ) : null}
          <section aria-labelledby="pending-heading">
            <h2 id="pending-heading">
              Requests waiting for you{' '}
              <span className="count">{countSoFar(consents.pending.length, consents.more)}</span>
            </h2>
            <PendingRequests pending={consents.pending} onDecided={done} />
          </section>
          <section aria-labelledby="active-heading">
            <h2 id="active-heading">
              Active access{' '}
              <span className="count">{countSoFar(consents.active.length, consents.more)}</span>
            </h2>
            {consents.active.length === 0 ? (
              <p className="empty">No doctor can read your records right now.</p>
            ) : (
              <div className="cards">
                {consents.active.map((consent) => (
                  <ActiveGrantCard key={consent.consentId} consent={consent} onRevoked={done} />
                ))}
              </div>
            )}
            <p>
              <Link href="/patient/profile#share">Share records with a doctor</Link> without waiting
              for a request.
            </p>
          </section>
          <section aria-labelledby="ended-heading">
            <h2 id="ended-heading">
              Ended{' '}
              <span className="count">{countSoFar(consents.ended.length, consents.more)}</span>
            </h2>
            {consents.ended.length === 0 ? (
              <p className="empty">Nothing has ended yet.</p>
            ) : (
              <ul className="ended-list">
                {consents.ended.map((consent) => (
                  <li key={consent.consentId}>
                    <details>
                      <summary>
                        <DoctorName doctorId={consent.doctorId} />{' '}
                        <ConsentStatusBadge consent={consent} />
                      </summary>
                      <ConsentTerms consent={consent} />
                    </details>
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

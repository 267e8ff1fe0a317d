'use client';

import Link from 'next/link';
import { api } from '@/lib/api';
import { useLoad } from '@/lib/hooks';
import { AccessTable } from '../access-log/access-table';
import { ConsentStatusBadge, ConsentTerms } from '../consents/consent-terms';
import { DoctorCard } from '../doctor-directory/doctor-card';
import { formatDateTime, scopeText } from '@/lib/words';
import { StoppedAtLimit } from '../ui/load-more';
import { ErrorNotice, Loading } from '../ui/notice';
import { LedgerHistory } from '../ledger/ledger-history';

/** One consent as the ledger holds it, and every access made under it. */
export function ConsentDetail({ consentId }: { consentId: string }) {
  const consent = useLoad(() => api.consent(consentId), [consentId]);
  const log = useLoad(
    () =>
      consent.data
        ? api.everyAccess({ patientId: consent.data.patientId, accessorId: consent.data.doctorId })
        : Promise.resolve({ items: [], complete: true }),
    [consent.data?.consentId],
  );
  const history = useLoad(() => api.consentHistory(consentId), [consentId]);
  const under = (log.data?.items ?? []).filter((entry) => entry.consentId === consentId);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/auditor">Access log</Link> /
      </p>
      <h1>Consent</h1>
      <p>
        <code className="wrap">{consentId}</code>
      </p>
      <ErrorNotice error={consent.error} title="This consent could not be loaded." />
      {consent.loading && !consent.data ? (
        <Loading>Reading the consent from the ledger…</Loading>
      ) : null}
      {consent.data ? (
        <>
          <section className="card">
            <header className="consent-card-header">
              <span>
                Patient <strong>{consent.data.patientId}</strong> →{' '}
                <DoctorCard doctorId={consent.data.doctorId} />
              </span>
              <ConsentStatusBadge consent={consent.data} />
            </header>
            <ConsentTerms consent={consent.data} />
          </section>
          <section aria-labelledby="changes-heading">
            <h2 id="changes-heading">Every change on the ledger</h2>
            <ErrorNotice error={history.error} />
            {history.loading && !history.data ? <Loading /> : null}
            {history.data ? (
              <LedgerHistory
                entries={history.data}
                caption="Consent history, newest first"
                describe={(c) => (
                  <>
                    <strong>{c.status}</strong> · {scopeText(c.scope)} · {c.permission}
                    {c.expiresAt ? ` · until ${formatDateTime(c.expiresAt)}` : ''}
                  </>
                )}
              />
            ) : null}
          </section>
          <section aria-labelledby="under-heading">
            <h2 id="under-heading">
              Accesses under this consent <span className="count">{under.length}</span>
            </h2>
            {log.loading && !log.data ? <Loading /> : null}
            <ErrorNotice error={log.error} />
            <StoppedAtLimit complete={log.data?.complete ?? true}>
              Only the first {log.data?.items.length} of this doctor&apos;s accesses to this patient
              were read; later ones under this consent are not counted here.
            </StoppedAtLimit>
            {under.length > 0 ? (
              <AccessTable
                entries={under}
                caption="Accesses under this consent"
                recordHref={(id) => `/auditor/records?recordId=${id}`}
              />
            ) : log.data ? (
              <p className="empty">No record was read under this consent.</p>
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}

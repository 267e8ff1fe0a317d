'use client';

import type { ConsentView, RefusalReason } from '@patrec/contract';
import { ownerOfRecord } from '@patrec/contract/core';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import { useLoad } from '@/lib/hooks';
import { consentState, formatDateTime } from '@/lib/words';
import { useDoctorConsents } from '../consents/doctor-consents';
import { RecordContentView } from '../records/record-content';
import { EarlierVersions, RecordEditor, RecordHeader } from '../records/record-detail-view';
import { Button } from '../ui/button';
import { ErrorNotice, Loading, SuccessNotice } from '../ui/notice';
import { Badge } from '../ui/status-badge';
import { PatientBanner } from './patient-banner';

/** Could this consent have covered the record? Its category is unknown without a read. */
const mayCover = (consent: ConsentView, recordId: string) =>
  consent.patientId === ownerOfRecord(recordId) &&
  ('records' in consent.scope ? consent.scope.records.includes(recordId) : true);

const newest = (a: string | null, b: string | null) => (b ?? '').localeCompare(a ?? '');

/**
 * Each reason the ledger or gateway gives for refusing a read, as "Access refused: …", and
 * what the doctor can do. The reason is the gateway's; the doctor's own consents only add
 * detail (when it was revoked, when it ended, whether a request is waiting).
 */
const refusals: Record<
  RefusalReason,
  { says: string; detail: (related: ConsentView[]) => string }
> = {
  NO_CONSENT: {
    says: 'no consent',
    detail: (related) =>
      related.some((c) => consentState(c) === 'pending')
        ? 'Your request is still waiting for the patient.'
        : 'You hold no active grant covering this record.',
  },
  REVOKED: {
    says: 'the patient revoked your access',
    detail: (related) => {
      const revoked = related
        .filter((c) => c.revokedAt !== null)
        .sort((a, b) => newest(a.revokedAt, b.revokedAt))[0];
      return revoked?.revokedAt
        ? `${revoked.patientId} revoked consent ${revoked.consentId.slice(0, 11)}… on ${formatDateTime(revoked.revokedAt)}.`
        : 'The consent that covered this record was revoked.';
    },
  },
  EXPIRED: {
    says: 'your access has expired',
    detail: (related) => {
      const expired = related
        .filter((c) => consentState(c) === 'expired')
        .sort((a, b) => newest(a.expiresAt, b.expiresAt))[0];
      return expired?.expiresAt
        ? `The grant ended on ${formatDateTime(expired.expiresAt)}.`
        : 'The grant that covered this record has ended.';
    },
  },
  UNVERIFIED: {
    says: 'your account is not verified',
    detail: () => 'Your hospital admin must verify you before you read records.',
  },
  SUSPENDED: {
    says: 'your account is suspended',
    detail: () => 'Your hospital admin suspended you; only they can lift it.',
  },
  NOT_REGISTERED: {
    says: 'you are not registered on the ledger',
    detail: () => 'Your account has no ledger entry yet; ask your hospital admin.',
  },
  WRONG_HOSPITAL: {
    says: 'this needs another hospital',
    detail: () => 'The ledger refused your hospital for this.',
  },
  NOT_YOURS: {
    says: 'this record is not yours to read',
    detail: () => 'You are no party to this record or its consents.',
  },
  ROLE: {
    says: 'your role may not read records',
    detail: () => 'Only the patient and doctors they have granted read records.',
  },
  CERTIFICATE: {
    says: 'your certificate is not accepted',
    detail: () => "Your certificate lacks PatRec's attributes; ask your hospital admin.",
  },
  SIGNATURE: {
    says: 'your read was not signed with your registered key',
    detail: () => 'Try again; if it persists, sign out and in so that your key is registered anew.',
  },
  EMERGENCY_LIMIT: {
    says: 'you have declared as many emergencies today as one may',
    detail: () => 'Ask the patient for access, or ask a colleague to declare the emergency.',
  },
  CSRF: {
    says: 'your session token is missing or stale',
    detail: () => 'Reload the page and try again.',
  },
};

/** Why a read was refused, in words: the reason the gateway gave, nothing guessed. */
function Refusal({
  error,
  recordId,
  consents,
}: {
  error: ApiFailure;
  recordId: string;
  consents: ConsentView[];
}) {
  if (!error.reason) return <ErrorNotice error={error} title="This record could not be read." />;
  const refusal = refusals[error.reason];
  return (
    <div className="notice notice-error refusal" role="alert">
      <p>
        <strong>Access refused: {refusal.says}.</strong>
      </p>
      <p>{refusal.detail(consents.filter((c) => mayCover(c, recordId)))}</p>
      <p className="muted">The ledger said: {error.message}</p>
    </div>
  );
}

/** A doctor reads a record: consent-checked and logged on the ledger. */
export function DoctorRecordView({ recordId }: { recordId: string }) {
  const read = useLoad(() => api.readRecord(recordId), [recordId]);
  const consents = useDoctorConsents();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string>();
  const patientId = ownerOfRecord(recordId) ?? '';
  // A refusal may follow a revocation this page has not heard of yet: look again.
  const reloadConsents = consents.reload;
  useEffect(() => {
    if (read.error) reloadConsents();
  }, [read.error, reloadConsents]);
  const grant = read.data?.access.consentId
    ? consents.data?.items.find((c) => c.consentId === read.data?.access.consentId)
    : undefined;

  return (
    <>
      <p className="breadcrumb">
        <Link href={`/doctor/patients?id=${patientId}`}>{patientId}&apos;s records</Link> /
      </p>
      <h1>
        Record <code>{recordId}</code>
      </h1>
      <PatientBanner patientId={patientId} />
      {message ? <SuccessNotice>{message}</SuccessNotice> : null}
      {read.loading ? (
        <Loading>Checking your consent on the ledger and reading the record…</Loading>
      ) : null}
      {read.error && !read.loading ? (
        <>
          {read.error instanceof ApiFailure && read.error.status === 403 ? (
            <Refusal error={read.error} recordId={recordId} consents={consents.data?.items ?? []} />
          ) : (
            <ErrorNotice error={read.error} title="This record could not be read." />
          )}
          <div className="actions">
            <Button variant="secondary" onClick={read.reload}>
              Try again
            </Button>
            <Link className="button button-secondary" href={`/doctor/patients?id=${patientId}`}>
              Ask {patientId} for access
            </Link>
          </div>
        </>
      ) : null}
      {read.data && !read.error && !read.loading && !editing ? (
        <>
          <RecordHeader read={read.data} />
          <p className="muted">
            This read is on the ledger
            {read.data.access.consentId ? (
              <>
                {' '}
                under consent{' '}
                <code title={read.data.access.consentId}>
                  {read.data.access.consentId.slice(0, 11)}…
                </code>
              </>
            ) : null}
            {grant?.expiresAt ? `, which lasts until ${formatDateTime(grant.expiresAt)}` : ''}.{' '}
            {read.data.access.emergency ? <Badge tone="bad">Emergency access</Badge> : null}
          </p>
          <section className="card" aria-label="Contents">
            <RecordContentView content={read.data.content} />
          </section>
          <EarlierVersions read={read.data} />
          <div className="actions">
            <Button variant="secondary" onClick={read.reload}>
              Read again
            </Button>
            {grant?.permission === 'read-write' ? (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                Update
              </Button>
            ) : null}
          </div>
        </>
      ) : null}
      {read.data && editing ? (
        <RecordEditor
          read={read.data}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setMessage('Saved as a new version.');
            read.reload();
          }}
        />
      ) : null}
    </>
  );
}

'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import { useLoad } from '@/lib/hooks';
import type { Consent } from '@/lib/types';
import { consentState, formatDateTime } from '@/lib/words';
import { useDoctorConsents } from '../consents/doctor-consents';
import { RecordContentView } from '../records/record-content';
import { RecordEditor, RecordHeader } from '../records/record-detail-view';
import { Button } from '../ui/button';
import { ErrorNotice, Loading, SuccessNotice } from '../ui/notice';
import { Badge } from '../ui/status-badge';

const ownerOf = (recordId: string) => /^(PAT\d+)REC\d+$/.exec(recordId)?.[1] ?? '';

/** Could this consent have covered the record? Categories are unknown without a read. */
const mayCover = (consent: Consent, recordId: string) =>
  consent.patientId === ownerOf(recordId) &&
  ('records' in consent.scope ? consent.scope.records.includes(recordId) : true);

/**
 * Why a read was refused, in words. The ledger answers "no active grant" after a
 * revocation too, so the doctor's own consents say whether it was revoked or expired.
 */
function Refusal({
  error,
  recordId,
  consents,
}: {
  error: ApiFailure;
  recordId: string;
  consents: Consent[];
}) {
  const related = consents.filter((c) => mayCover(c, recordId));
  const revoked = related
    .filter((c) => consentState(c) === 'revoked')
    .sort((a, b) => (b.revokedAt ?? '').localeCompare(a.revokedAt ?? ''))[0];
  const expired = related.filter((c) => consentState(c) === 'expired')[0];
  const pending = related.find((c) => consentState(c) === 'pending');
  let reason: string;
  let detail: string;
  if (error.reason === 'REVOKED' || (error.reason === 'NO_CONSENT' && revoked)) {
    reason = 'the patient revoked your access';
    detail = revoked?.revokedAt
      ? `${revoked.patientId} revoked consent ${revoked.consentId.slice(0, 11)}… on ${formatDateTime(revoked.revokedAt)}.`
      : 'The consent that covered this record was revoked.';
  } else if (error.reason === 'EXPIRED' || (error.reason === 'NO_CONSENT' && expired)) {
    reason = 'your access has expired';
    detail = expired?.expiresAt
      ? `The grant ended on ${formatDateTime(expired.expiresAt)}.`
      : 'The grant that covered this record has ended.';
  } else if (error.reason === 'NO_CONSENT') {
    reason = 'no consent';
    detail = pending
      ? 'Your request is still waiting for the patient.'
      : 'You hold no active grant covering this record.';
  } else if (error.reason === 'UNVERIFIED') {
    reason = 'your account is not verified';
    detail = 'Your hospital admin must verify you (or lift a suspension) before you read records.';
  } else {
    return <ErrorNotice error={error} title="This record could not be read." />;
  }
  return (
    <div className="notice notice-error refusal" role="alert">
      <p>
        <strong>Access refused: {reason}.</strong>
      </p>
      <p>{detail}</p>
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
  const patientId = ownerOf(recordId);
  // A refusal may follow a revocation this page has not heard of yet: look again.
  const reloadConsents = consents.reload;
  useEffect(() => {
    if (read.error) reloadConsents();
  }, [read.error, reloadConsents]);
  const grant = read.data?.access.consentId
    ? consents.data?.find((c) => c.consentId === read.data?.access.consentId)
    : undefined;

  return (
    <>
      <p className="breadcrumb">
        <Link href={`/doctor/patients?id=${patientId}`}>{patientId}&apos;s records</Link> /
      </p>
      <h1>
        Record <code>{recordId}</code>
      </h1>
      {message ? <SuccessNotice>{message}</SuccessNotice> : null}
      {read.loading ? (
        <Loading>Checking your consent on the ledger and reading the record…</Loading>
      ) : null}
      {read.error && !read.loading ? (
        <>
          {read.error instanceof ApiFailure && read.error.status === 403 ? (
            <Refusal error={read.error} recordId={recordId} consents={consents.data ?? []} />
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

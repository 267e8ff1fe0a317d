import type { ConsentView } from '@patrec/contract';
import {
  consentState,
  durationText,
  formatDateTime,
  permissionLabel,
  purposeLabel,
  scopeText,
} from '@/lib/words';
import { Badge, type Tone } from '../ui/status-badge';
import { EmergencyReason } from './emergency-reason';

const stateTone: Record<ReturnType<typeof consentState>, Tone> = {
  pending: 'warn',
  active: 'good',
  expired: 'neutral',
  rejected: 'bad',
  revoked: 'bad',
};

const stateWord: Record<ReturnType<typeof consentState>, string> = {
  pending: 'Waiting for decision',
  active: 'Active',
  expired: 'Expired',
  rejected: 'Rejected',
  revoked: 'Revoked',
};

/** A consent's status as a coloured word; emergencies flagged, and those from another hospital. */
export function ConsentStatusBadge({ consent }: { consent: ConsentView }) {
  const state = consentState(consent);
  return (
    <span className="badges">
      <Badge tone={stateTone[state]}>{stateWord[state]}</Badge>
      {consent.origin === 'emergency' ? <Badge tone="bad">Emergency</Badge> : null}
      {consent.crossHospital ? <Badge tone="warn">Doctor of another hospital</Badge> : null}
      {consent.origin === 'share' ? <Badge tone="info">Shared by patient</Badge> : null}
    </span>
  );
}

/** Which records, why, how, and for how long: the terms of a request or grant. */
export function ConsentTerms({ consent }: { consent: ConsentView }) {
  const state = consentState(consent);
  return (
    <dl className="facts consent-terms">
      <dt>Which records</dt>
      <dd>{scopeText(consent.scope)}</dd>
      <dt>Why</dt>
      <dd>
        {consent.origin === 'emergency' ? (
          <>
            Emergency (reason kept off the ledger, hash on it)
            <EmergencyReason consent={consent} />
          </>
        ) : consent.purpose ? (
          purposeLabel[consent.purpose]
        ) : (
          'Shared by the patient'
        )}
      </dd>
      <dt>Permission</dt>
      <dd>{permissionLabel[consent.permission]}</dd>
      <dt>{state === 'pending' ? 'For how long' : 'Duration'}</dt>
      <dd>{durationText(consent.durationSeconds)}</dd>
      <dt>{consent.origin === 'request' ? 'Asked' : 'Created'}</dt>
      <dd>{formatDateTime(consent.createdAt)}</dd>
      {consent.decidedAt && consent.origin === 'request' ? (
        <>
          <dt>{consent.status === 'REJECTED' ? 'Rejected' : 'Granted'}</dt>
          <dd>{formatDateTime(consent.decidedAt)}</dd>
        </>
      ) : null}
      {consent.expiresAt && consent.status === 'GRANTED' ? (
        <>
          <dt>{state === 'expired' ? 'Expired' : 'Expires'}</dt>
          <dd>{formatDateTime(consent.expiresAt)}</dd>
        </>
      ) : null}
      {consent.revokedAt ? (
        <>
          <dt>Revoked</dt>
          <dd>{formatDateTime(consent.revokedAt)}</dd>
        </>
      ) : null}
      <dt>Consent ID</dt>
      <dd>
        <code className="id" title={consent.consentId}>
          {consent.consentId.slice(0, 15)}…
        </code>
      </dd>
    </dl>
  );
}

'use client';

import type { ConsentView, GrantTerms, Permission } from '@patrec/contract';
import { useState } from 'react';
import { api } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { durationText, formatDateTime, identitySharedNote, scopePhrase } from '@/lib/words';
import { DoctorCard } from '../doctor-directory/doctor-card';
import { Button } from '../ui/button';
import { RadioGroup, TextField } from '../ui/inputs';
import { ErrorNotice } from '../ui/notice';
import { ConsentStatusBadge, ConsentTerms } from './consent-terms';
import {
  ScopeEditor,
  scopeDraftOf,
  scopeOf,
  type ScopeDraft,
  type ScopeRecord,
} from './scope-editor';

/**
 * A doctor's request waiting for the patient: who, which records, why, for how long; approve
 * as asked, approve with less (scope, permission, duration), or reject.
 */
export function PendingRequestCard({
  consent,
  records,
  onDecided,
}: {
  consent: ConsentView;
  records: ScopeRecord[];
  onDecided: (message: string) => void;
}) {
  const action = useAction();
  const [narrowing, setNarrowing] = useState(false);
  const askedDays = Math.max(1, Math.round(consent.durationSeconds / 86_400));
  const [scope, setScope] = useState<ScopeDraft>(scopeDraftOf(consent.scope));
  const [permission, setPermission] = useState<Permission>(consent.permission);
  const [days, setDays] = useState(String(askedDays));
  const [problem, setProblem] = useState<string>();

  const approve = async (terms: GrantTerms) => {
    const granted = await action.run(() => api.grant(consent.consentId, terms));
    if (granted) {
      onDecided(
        `Approved: ${consent.doctorId} may ${granted.permission === 'read' ? 'read' : 'read and update'} ${scopePhrase(granted.scope)} until ${formatDateTime(granted.expiresAt)}.`,
      );
    }
  };
  const approveNarrowed = async () => {
    const chosen = scopeOf(scope);
    const duration = Number(days);
    if (typeof chosen === 'string') return setProblem(chosen);
    if (!Number.isInteger(duration) || duration < 1 || duration > askedDays) {
      return setProblem(`Choose between 1 and ${askedDays} days.`);
    }
    setProblem(undefined);
    await approve({
      ...(scope.kind === 'all' ? {} : { scope: chosen }),
      ...(permission !== consent.permission ? { permission } : {}),
      ...(duration !== askedDays ? { durationDays: duration } : {}),
    });
  };
  const reject = async () => {
    if (await action.run(() => api.reject(consent.consentId))) {
      onDecided(`Rejected the request from ${consent.doctorId}.`);
    }
  };

  return (
    <article
      className="card consent-card consent-pending"
      aria-label={`Request from ${consent.doctorId}`}
    >
      <header className="consent-card-header">
        <DoctorCard doctorId={consent.doctorId} />
        <ConsentStatusBadge consent={consent} />
      </header>
      <ConsentTerms consent={consent} />
      <p className="muted">{identitySharedNote}</p>
      {narrowing ? (
        <form
          className="form narrow-form"
          onSubmit={(event) => {
            event.preventDefault();
            void approveNarrowed();
          }}
        >
          <ScopeEditor
            value={scope}
            onChange={setScope}
            records={records}
            within={consent.scope}
            legend="Give access to"
          />
          {consent.permission === 'read-write' ? (
            <RadioGroup
              legend="Permission"
              name={`permission-${consent.consentId}`}
              value={permission}
              onValue={(value) => setPermission(value as Permission)}
              options={[
                { value: 'read-write', label: 'Read and add/update (as asked)' },
                { value: 'read', label: 'Read only' },
              ]}
            />
          ) : null}
          <TextField
            label="For how many days"
            hint={`Asked for ${durationText(consent.durationSeconds)}; you may give less.`}
            type="number"
            min={1}
            max={askedDays}
            value={days}
            onValue={setDays}
          />
          {problem ? (
            <div className="notice notice-error" role="alert">
              {problem}
            </div>
          ) : null}
          <div className="actions">
            <Button type="submit" busy={action.busy} busyText="Approving on the ledger…">
              Approve these terms
            </Button>
            <Button variant="secondary" onClick={() => setNarrowing(false)} disabled={action.busy}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <Button
            busy={action.busy}
            busyText="Saving your decision…"
            onClick={() => void approve({})}
          >
            Approve
          </Button>
          <Button variant="secondary" onClick={() => setNarrowing(true)} disabled={action.busy}>
            Approve with changes…
          </Button>
          <Button variant="danger" onClick={() => void reject()} disabled={action.busy}>
            Reject
          </Button>
        </div>
      )}
      <ErrorNotice error={action.error} title="Your decision was not saved." />
    </article>
  );
}

/** An active grant (request, share or emergency) and the button that ends it at once. */
export function ActiveGrantCard({
  consent,
  onRevoked,
}: {
  consent: ConsentView;
  onRevoked: (message: string) => void;
}) {
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const revoke = async () => {
    if (await action.run(() => api.revoke(consent.consentId))) {
      onRevoked(`Revoked: ${consent.doctorId} can no longer read ${scopePhrase(consent.scope)}.`);
    }
  };
  return (
    <article
      className={`card consent-card${consent.origin === 'emergency' ? ' consent-emergency' : ''}`}
      aria-label={`Access of ${consent.doctorId}`}
    >
      <header className="consent-card-header">
        <DoctorCard doctorId={consent.doctorId} />
        <ConsentStatusBadge consent={consent} />
      </header>
      <ConsentTerms consent={consent} />
      <div className="actions">
        {confirming ? (
          <>
            <span>End this access now?</span>
            <Button
              variant="danger"
              busy={action.busy}
              busyText="Revoking on the ledger…"
              onClick={() => void revoke()}
            >
              Yes, revoke
            </Button>
            <Button variant="secondary" disabled={action.busy} onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </>
        ) : (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Revoke
          </Button>
        )}
      </div>
      <ErrorNotice error={action.error} title="Not revoked." />
    </article>
  );
}

'use client';

import type { ConsentView, Permission, Purpose } from '@patrec/contract';
import { MAX_GRANT_DAYS, MIN_GRANT_DAYS, PURPOSES } from '@patrec/contract/core';
import { forwardRef, useState } from 'react';
import { api } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { formatDateTime, purposeLabel, scopePhrase } from '@/lib/words';
import { Button } from '../ui/button';
import { RadioGroup, SelectField, TextField } from '../ui/inputs';
import { ErrorNotice, SuccessNotice } from '../ui/notice';
import { ScopeEditor, scopeOf, type ScopeDraft, type ScopeRecord } from './scope-editor';

/** A doctor asks a patient for access: which records, read or read-write, why, how long. */
export const RequestForm = forwardRef<
  HTMLFormElement,
  {
    patientId: string;
    records: ScopeRecord[];
    scope: ScopeDraft;
    onScope: (scope: ScopeDraft) => void;
    onSent: (consent: ConsentView) => void;
  }
>(function RequestForm({ patientId, records, scope, onScope, onSent }, ref) {
  const action = useAction();
  const [permission, setPermission] = useState<Permission>('read');
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const [days, setDays] = useState('7');
  const [problem, setProblem] = useState<string>();
  const [sent, setSent] = useState<ConsentView>();

  const send = async () => {
    const chosen = scopeOf(scope);
    const durationDays = Number(days);
    if (typeof chosen === 'string') return setProblem(chosen);
    if (!purpose) return setProblem('Say why you need access.');
    if (
      !Number.isInteger(durationDays) ||
      durationDays < MIN_GRANT_DAYS ||
      durationDays > MAX_GRANT_DAYS
    ) {
      return setProblem(`Choose between ${MIN_GRANT_DAYS} and ${MAX_GRANT_DAYS} days.`);
    }
    setProblem(undefined);
    setSent(undefined);
    const consent = await action.run(() =>
      api.requestAccess({ patientId, scope: chosen, permission, purpose, durationDays }),
    );
    if (consent) {
      setSent(consent);
      onSent(consent);
    }
  };

  return (
    <form
      ref={ref}
      id="request-form"
      className="form card"
      aria-labelledby="request-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <h2 id="request-heading">Ask {patientId} for access</h2>
      <ScopeEditor value={scope} onChange={onScope} records={records} />
      <RadioGroup
        legend="Permission"
        name="permission"
        value={permission}
        onValue={(value) => setPermission(value as Permission)}
        options={[
          { value: 'read', label: 'Read only' },
          { value: 'read-write', label: 'Read and add/update records' },
        ]}
      />
      <div className="grid-2">
        <SelectField
          label="Purpose"
          name="purpose"
          placeholder="Choose…"
          value={purpose}
          onValue={(value) => setPurpose(value as Purpose | '')}
          options={PURPOSES.map((p) => ({ value: p, label: purposeLabel[p] }))}
        />
        <TextField
          label="Duration (days)"
          name="durationDays"
          type="number"
          min={MIN_GRANT_DAYS}
          max={MAX_GRANT_DAYS}
          value={days}
          onValue={setDays}
        />
      </div>
      {problem ? (
        <div className="notice notice-error" role="alert">
          {problem}
        </div>
      ) : null}
      <ErrorNotice error={action.error} title="Request not sent." />
      {sent ? (
        <SuccessNotice>
          Request sent to {sent.patientId} for {scopePhrase(sent.scope).replace('your ', 'their ')}{' '}
          at {formatDateTime(sent.createdAt)}. You will see here when they decide.
        </SuccessNotice>
      ) : null}
      <Button type="submit" busy={action.busy} busyText="Sending the request to the ledger…">
        Send request
      </Button>
    </form>
  );
});

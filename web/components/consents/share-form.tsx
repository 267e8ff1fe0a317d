'use client';

import type { Permission } from '@patrec/contract';
import { DOCTOR_ID, ID_EXAMPLES, MAX_GRANT_DAYS, MIN_GRANT_DAYS } from '@patrec/contract/core';
import { useState } from 'react';
import { api } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { formatDateTime, identitySharedNote, scopePhrase } from '@/lib/words';
import { Button } from '../ui/button';
import { RadioGroup, TextField } from '../ui/inputs';
import { ErrorNotice, SuccessNotice } from '../ui/notice';
import { ScopeEditor, scopeOf, type ScopeDraft, type ScopeRecord } from './scope-editor';

/** A patient shares records with a doctor without being asked. */
export function ShareForm({
  records,
  onShared,
}: {
  records: ScopeRecord[];
  onShared?: () => void;
}) {
  const action = useAction();
  const [doctorId, setDoctorId] = useState('');
  const [scope, setScope] = useState<ScopeDraft>({ kind: 'all', categories: [], records: [] });
  const [permission, setPermission] = useState<Permission>('read');
  const [days, setDays] = useState('30');
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();

  const share = async () => {
    const chosen = scopeOf(scope);
    const duration = Number(days);
    if (!DOCTOR_ID.test(doctorId.trim().toUpperCase()))
      return setProblem(`Enter ${ID_EXAMPLES.doctor}.`);
    if (typeof chosen === 'string') return setProblem(chosen);
    if (!Number.isInteger(duration) || duration < MIN_GRANT_DAYS || duration > MAX_GRANT_DAYS)
      return setProblem(`Choose between ${MIN_GRANT_DAYS} and ${MAX_GRANT_DAYS} days.`);
    setProblem(undefined);
    setDone(undefined);
    const shared = await action.run(() =>
      api.share({
        doctorId: doctorId.trim().toUpperCase(),
        scope: chosen,
        permission,
        durationDays: duration,
      }),
    );
    if (shared) {
      setDone(
        `Shared ${scopePhrase(shared.scope).replace('your ', '')} with ${shared.doctorId} until ${formatDateTime(shared.expiresAt)}.`,
      );
      onShared?.();
    }
  };

  return (
    <form
      className="form card"
      aria-label="Share with a doctor"
      onSubmit={(event) => {
        event.preventDefault();
        void share();
      }}
    >
      <TextField
        label="Doctor ID"
        hint="Ask your doctor for it, e.g. DOC140."
        name="doctorId"
        value={doctorId}
        onValue={setDoctorId}
        autoComplete="off"
      />
      <ScopeEditor value={scope} onChange={setScope} records={records} />
      <RadioGroup
        legend="Permission"
        name="share-permission"
        value={permission}
        onValue={(value) => setPermission(value as Permission)}
        options={[
          { value: 'read', label: 'Read only' },
          { value: 'read-write', label: 'Read and add/update' },
        ]}
      />
      <TextField
        label="For how many days"
        type="number"
        min={MIN_GRANT_DAYS}
        max={MAX_GRANT_DAYS}
        value={days}
        onValue={setDays}
      />
      <p className="muted">{identitySharedNote}</p>
      {problem ? (
        <div className="notice notice-error" role="alert">
          {problem}
        </div>
      ) : null}
      <ErrorNotice error={action.error} title="Not shared." />
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      <Button type="submit" busy={action.busy} busyText="Sharing on the ledger…">
        Share
      </Button>
    </form>
  );
}

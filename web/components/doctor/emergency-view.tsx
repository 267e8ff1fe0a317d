'use client';

import type { ConsentView } from '@patrec/contract';
import { EMERGENCY_REASON_LENGTH, ID_EXAMPLES, PATIENT_ID } from '@patrec/contract/core';
import Link from 'next/link';
import { useState } from 'react';
import { api } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { formatDateTime } from '@/lib/words';
import { Button } from '../ui/button';
import { TextArea, TextField } from '../ui/inputs';
import { ErrorNotice } from '../ui/notice';

/**
 * Emergency access: read access for at most 24 hours without the patient's consent, with a
 * stated reason. The patient and auditors are told at once.
 */
export function EmergencyView({ initialPatientId }: { initialPatientId: string }) {
  const action = useAction();
  const [patientId, setPatientId] = useState(initialPatientId);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ patientId?: string; reason?: string }>({});
  const [granted, setGranted] = useState<ConsentView>();

  const declare = async () => {
    const id = patientId.trim().toUpperCase();
    const found = {
      ...(PATIENT_ID.test(id) ? {} : { patientId: ID_EXAMPLES.patient }),
      ...(reason.trim().length >= 10
        ? {}
        : { reason: 'at least 10 characters: say what the emergency is' }),
    };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const consent = await action.run(() =>
      api.emergencyAccess({ patientId: id, reason: reason.trim() }),
    );
    if (consent) setGranted(consent);
  };

  if (granted) {
    return (
      <>
        <h1>Emergency access granted</h1>
        <div className="notice notice-warn" role="status">
          You may read {granted.patientId}&apos;s records until {formatDateTime(granted.expiresAt)}.
          The patient and the auditors have been told; every read is flagged as an emergency.
        </div>
        <Link className="button button-primary" href={`/doctor/patients?id=${granted.patientId}`}>
          Open {granted.patientId}&apos;s records
        </Link>
      </>
    );
  }

  return (
    <>
      <h1>Emergency access</h1>
      <p className="lead">
        Only when a patient cannot consent and you need their records now. You get read access for
        up to 24 hours; the patient and the auditors are told at once, and your reason is kept
        (encrypted) with the record of it.
      </p>
      <form
        className="form card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void declare();
        }}
      >
        <TextField
          label="Patient ID"
          name="patientId"
          required
          value={patientId}
          onValue={setPatientId}
          error={problems.patientId}
          autoComplete="off"
        />
        <TextArea
          label="Reason"
          name="reason"
          hint="What is the emergency? At least 10 characters."
          required
          minLength={EMERGENCY_REASON_LENGTH.min}
          maxLength={EMERGENCY_REASON_LENGTH.max}
          rows={4}
          value={reason}
          onValue={setReason}
          error={problems.reason}
        />
        <ErrorNotice error={action.error} title="No emergency access." />
        <Button
          type="submit"
          variant="danger"
          busy={action.busy}
          busyText="Declaring the emergency on the ledger…"
        >
          Declare emergency and get access
        </Button>
      </form>
    </>
  );
}

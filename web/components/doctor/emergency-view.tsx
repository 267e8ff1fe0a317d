'use client';

import type { ConsentView } from '@patrec/contract';
import {
  EMERGENCY_REASON_LENGTH,
  ID_EXAMPLES,
  MAX_EMERGENCIES_PER_DAY,
  PATIENT_ID,
} from '@patrec/contract/core';
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
  // Checked and waiting for the doctor to confirm what emergency access means.
  const [confirming, setConfirming] = useState<{ patientId: string; reason: string }>();

  const check = () => {
    const id = patientId.trim().toUpperCase();
    const found = {
      ...(PATIENT_ID.test(id) ? {} : { patientId: ID_EXAMPLES.patient }),
      ...(reason.trim().length >= EMERGENCY_REASON_LENGTH.min
        ? {}
        : { reason: 'at least 10 characters: say what the emergency is' }),
    };
    setProblems(found);
    if (Object.keys(found).length === 0) setConfirming({ patientId: id, reason: reason.trim() });
  };

  const declare = async (declaration: { patientId: string; reason: string }) => {
    const consent = await action.run(() => api.emergencyAccess(declaration));
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

  if (confirming) {
    return (
      <>
        <h1>Confirm emergency access</h1>
        <section className="card" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">You are declaring an emergency for {confirming.patientId}</h2>
          <ul>
            <li>
              You will read all of {confirming.patientId}&apos;s records for up to 24 hours without
              their consent.
            </li>
            <li>The patient and the auditors are told at once; every read is flagged.</li>
            <li>
              You may declare at most {MAX_EMERGENCIES_PER_DAY} emergencies a day (UTC); this is one
              of them.
            </li>
            <li>
              Your reason is kept, encrypted, with your name; the patient and the auditors can read
              it:
            </li>
          </ul>
          <blockquote className="emergency-reason">{confirming.reason}</blockquote>
          <ErrorNotice error={action.error} title="No emergency access." />
          <div className="actions">
            <Button
              variant="danger"
              busy={action.busy}
              busyText="Declaring the emergency on the ledger…"
              onClick={() => void declare(confirming)}
            >
              Yes, declare the emergency
            </Button>
            <Button
              variant="secondary"
              disabled={action.busy}
              onClick={() => setConfirming(undefined)}
            >
              Go back
            </Button>
          </div>
        </section>
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
          check();
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
        <Button type="submit" variant="danger">
          Declare emergency and get access
        </Button>
      </form>
    </>
  );
}

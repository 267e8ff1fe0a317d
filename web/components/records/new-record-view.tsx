'use client';

import type { Category, RecordContent } from '@patrec/contract';
import { CATEGORIES, ID_EXAMPLES, PATIENT_ID } from '@patrec/contract/core';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { api } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { categoryLabel } from '@/lib/words';
import { TextField } from '../ui/inputs';
import { SuccessNotice } from '../ui/notice';
import { DocumentForm } from './document-form';
import { PatientBanner } from '../doctor/patient-banner';
import { RecordForm } from './record-form';

const choiceLabel: Record<Category, string> = { ...categoryLabel, document: 'Upload a file' };

/** A random name for one write (getRandomValues works where randomUUID needs HTTPS). */
const newWriteKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/**
 * Add a record through one of the clinical forms or a file. A patient adds to their own
 * records; a doctor names the patient (and needs a read-write grant for the category).
 */
export function NewRecordView({
  patientId,
  doctor = false,
  initialCategory,
}: {
  /** The patient's own ID; for a doctor, the ID to start with (may be empty). */
  patientId: string;
  doctor?: boolean;
  initialCategory?: Category;
}) {
  const router = useRouter();
  const [category, setCategory] = useState<Category>(initialCategory ?? 'general-medicine');
  const [forPatient, setForPatient] = useState(patientId);
  const [patientProblem, setPatientProblem] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const action = useAction();
  /** The write last sent and not confirmed: sending it again reuses its key. */
  const unconfirmed = useRef<{ key: string; request: string }>(undefined);

  const save = async (content: RecordContent) => {
    const target = forPatient.trim().toUpperCase();
    if (doctor && !PATIENT_ID.test(target)) {
      setPatientProblem(`Enter ${ID_EXAMPLES.patient}.`);
      return;
    }
    setPatientProblem(undefined);
    // If the first attempt reached the ledger but its answer was lost, the retry gets that
    // record back instead of adding a second one.
    const request = JSON.stringify({ target, content });
    if (unconfirmed.current?.request !== request) {
      unconfirmed.current = { key: newWriteKey(), request };
    }
    const { key } = unconfirmed.current;
    const record = await action.run(() => api.createRecord(target, content, key));
    if (!record) return;
    unconfirmed.current = undefined;
    if (doctor)
      setSaved(`Saved ${record.recordId} (${categoryLabel[record.category]}) for ${target}.`);
    else router.push(`/patient/records/${record.recordId}?created=1`);
  };

  const patientField = doctor ? (
    <TextField
      label="Patient ID"
      name="patientId"
      hint="You need the patient's read-and-update consent covering this category."
      required
      value={forPatient}
      onValue={setForPatient}
      error={patientProblem}
      autoComplete="off"
    />
  ) : null;

  return (
    <>
      <h1>Add a record</h1>
      {patientField ? (
        <div className="card">
          {patientField}
          {PATIENT_ID.test(forPatient.trim().toUpperCase()) ? (
            <PatientBanner patientId={forPatient.trim().toUpperCase()} />
          ) : null}
        </div>
      ) : null}
      <div className="tabs" role="radiogroup" aria-label="Kind of record">
        {CATEGORIES.map((c) => (
          <label key={c} className={`tab${c === category ? ' tab-current' : ''}`}>
            <input
              type="radio"
              name="category"
              value={c}
              checked={c === category}
              onChange={() => {
                setCategory(c);
                action.clearError();
                setSaved(undefined);
              }}
            />
            {choiceLabel[c]}
          </label>
        ))}
      </div>
      {saved ? <SuccessNotice>{saved}</SuccessNotice> : null}
      {/* Every form stays mounted, so switching kinds keeps what was typed in each. */}
      {CATEGORIES.map((c) => (
        <div key={c} hidden={c !== category}>
          {c === 'document' ? (
            <DocumentForm
              submitLabel="Upload"
              busyText="Encrypting and saving…"
              busy={action.busy}
              error={c === category ? action.error : undefined}
              onSave={(content) => void save(content)}
            />
          ) : (
            <RecordForm
              category={c}
              submitLabel={`Save ${categoryLabel[c].toLowerCase()} record`}
              busyText="Encrypting and writing to the ledger…"
              busy={action.busy}
              error={c === category ? action.error : undefined}
              onSave={(content) => void save(content)}
            />
          )}
        </div>
      ))}
    </>
  );
}

'use client';

import { useEffect, useMemo, useState } from 'react';
import type { StoredContent, UploadedDocument } from '@/lib/types';
import { bmiBand, categoryLabel, formatDate, plainText } from '@/lib/words';

/** Field labels for every clinical form, in the order they are shown. */
const labels: Record<string, string> = {
  gender: 'Gender',
  age: 'Age',
  weightLbs: 'Weight',
  heightFeet: 'Height',
  bloodGroup: 'Blood group',
  bloodPressure: 'Blood pressure',
  diabetes: 'Diabetes',
  foodAllergies: 'Food allergies',
  testName: 'Test',
  result: 'Result',
  unit: 'Unit',
  referenceRange: 'Reference range',
  takenOn: 'Taken on',
  heartRate: 'Heart rate',
  ecgFindings: 'ECG findings',
  cholesterolMgDl: 'Cholesterol',
  chestPain: 'Chest pain',
  condition: 'Condition',
  affectedArea: 'Affected area',
  severity: 'Severity',
  treatment: 'Treatment',
  teeth: 'Teeth',
  procedure: 'Procedure',
  findings: 'Findings',
  nextVisit: 'Next visit',
  notes: 'Notes',
};

const units: Record<string, string> = {
  age: 'years',
  weightLbs: 'lbs',
  heightFeet: 'ft',
  bloodPressure: 'mmHg',
  heartRate: 'bpm',
  cholesterolMgDl: 'mg/dL',
};

const choiceFields = new Set(['gender', 'diabetes', 'chestPain', 'severity']);

function shown(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) return value.map(plainText).join(', ');
  if (field === 'takenOn' || field === 'nextVisit') return formatDate(plainText(value));
  const text = plainText(value);
  const unit = units[field];
  if (unit) return `${text} ${unit}`;
  // Choices read as words (yes → Yes); what a person typed stays as typed.
  return choiceFields.has(field) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** A record's content as a person reads it: labelled values, or the document itself. */
export function RecordContentView({ content }: { content: StoredContent }) {
  if (content.category === 'document') return <DocumentView document={content.document} />;
  const form = content.form as unknown as Record<string, unknown>;
  const bmi = content.derived?.bmi;
  return (
    <dl className="facts record-facts" aria-label={`${categoryLabel[content.category]} values`}>
      {Object.keys(labels)
        .filter((field) => field in form)
        .flatMap((field) => {
          const row = [
            <dt key={`${field}-label`}>{labels[field]}</dt>,
            <dd key={`${field}-value`}>{shown(field, form[field])}</dd>,
          ];
          if (field === 'heightFeet' && bmi !== undefined) {
            row.push(
              <dt key="bmi-label">BMI</dt>,
              <dd key="bmi-value">
                {bmi.toFixed(1)} <span className="muted">({bmiBand(bmi)})</span>
              </dd>,
            );
          }
          return row;
        })}
    </dl>
  );
}

function DocumentView({ document }: { document: UploadedDocument }) {
  const url = useMemo(() => {
    const bytes = Uint8Array.from(atob(document.dataBase64), (c) => c.charCodeAt(0));
    return URL.createObjectURL(new Blob([bytes], { type: document.contentType }));
  }, [document]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const [text, setText] = useState<string>();
  useEffect(() => {
    if (document.contentType !== 'text/plain') return;
    const bytes = Uint8Array.from(atob(document.dataBase64), (c) => c.charCodeAt(0));
    setText(new TextDecoder().decode(bytes));
  }, [document]);
  return (
    <div className="document">
      <p>
        <strong>{document.fileName}</strong> <span className="muted">({document.contentType})</span>{' '}
        <a href={url} download={document.fileName}>
          Download
        </a>
      </p>
      {document.contentType.startsWith('image/') ? (
        // A decrypted blob URL: nothing for next/image to optimise.
        <img src={url} alt={document.fileName} className="document-image" />
      ) : null}
      {text !== undefined ? <pre className="document-text">{text}</pre> : null}
      {document.contentType === 'application/pdf' ? (
        <p>
          <a href={url} target="_blank" rel="noreferrer">
            Open the PDF
          </a>
        </p>
      ) : null}
    </div>
  );
}

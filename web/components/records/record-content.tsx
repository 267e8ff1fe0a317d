'use client';

import { useEffect, useMemo, useState } from 'react';
import {
  bmiBand,
  CLINICAL_FORMS,
  type FieldDefinition,
  type StoredContent,
  type UploadedDocument,
} from '@patrec/contract';
import { formatDate, plainText } from '@/lib/words';
import { inOtherUnits } from './units';

/** A stored value as a person reads it: choices by their label, dates in words, units after. */
function shown(field: FieldDefinition, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) return value.map(plainText).join(', ');
  const text = plainText(value);
  switch (field.kind) {
    case 'choice':
      return field.options.find((option) => option.value === text)?.label ?? text;
    case 'date':
      return formatDate(text);
    case 'decimal': {
      // A measurement reads in both systems of units: as entered, then converted.
      const other = typeof value === 'number' ? inOtherUnits(field, value) : undefined;
      return `${text} ${field.unit ?? ''}`.trim() + (other ? ` (${other})` : '');
    }
    case 'integer':
    case 'text':
    case 'blood-pressure':
    case 'teeth':
      return field.unit ? `${text} ${field.unit}` : text;
  }
}

/** A record's content as a person reads it: labelled values, or the document itself. */
export function RecordContentView({ content }: { content: StoredContent }) {
  if (content.category === 'document') return <DocumentView document={content.document} />;
  const definition = CLINICAL_FORMS[content.category];
  const form: Record<string, unknown> = content.form;
  const bmi = content.derived?.bmi;
  // In the order the form asks for them; a field left out of the record is left out here.
  return (
    <dl className="facts record-facts" aria-label={`${definition.title} values`}>
      {definition.rows.flatMap((row) => {
        if ('derived' in row) {
          return bmi === undefined
            ? []
            : [
                <dt key="bmi-label">BMI</dt>,
                <dd key="bmi-value">
                  {bmi.toFixed(1)} <span className="muted">({bmiBand(bmi)})</span>
                </dd>,
              ];
        }
        return row.flatMap((name) => {
          const field = definition.fields[name];
          if (!field || !(name in form)) return [];
          return [
            <dt key={`${name}-label`}>{field.label}</dt>,
            <dd key={`${name}-value`}>{shown(field, form[name])}</dd>,
          ];
        });
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

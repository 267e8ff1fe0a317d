'use client';

import {
  bmiBand,
  bmiWithinLimits,
  CLINICAL_FORMS,
  type ClinicalForm,
  type FieldDefinition,
  type FormCategory,
  type RecordContent,
} from '@patrec/contract';
import { useState } from 'react';
import { ApiFailure } from '@/lib/api';
import { Button } from '../ui/button';
import { RadioGroup, SelectField, TextArea, TextField } from '../ui/inputs';
import { ErrorNotice } from '../ui/notice';
import { checkDraft, emptyDraft, type Draft, type DraftProblems } from './drafts';

interface RecordFormProps {
  category: FormCategory;
  /** A stored record's values, when updating it. */
  initial?: Draft | undefined;
  submitLabel: string;
  busyText: string;
  busy: boolean;
  error: unknown;
  /** Saves; the form keeps what was typed whatever the answer. */
  onSave: (content: RecordContent) => void;
}

/** One of the clinical forms, built from its shared definition; what was typed stays. */
export function RecordForm({
  category,
  initial,
  submitLabel,
  busyText,
  busy,
  error,
  onSave,
}: RecordFormProps) {
  const definition = CLINICAL_FORMS[category];
  const [draft, setDraft] = useState<Draft>(initial ?? emptyDraft(category));
  const [problems, setProblems] = useState<DraftProblems>({});
  const fromGateway = error instanceof ApiFailure ? formFieldErrors(error) : {};
  const errors = { ...fromGateway, ...problems };
  const set = (field: string) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));

  const fieldOf = (name: string) => {
    const field = definition.fields[name];
    return field ? (
      <FormField
        key={name}
        field={field}
        value={draft[name] ?? ''}
        onValue={set(name)}
        error={errors[name]}
      />
    ) : null;
  };

  return (
    <form
      className="form card"
      aria-label={`${definition.title} form`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const checked = checkDraft(category, draft);
        setProblems('problems' in checked ? checked.problems : {});
        if ('content' in checked) onSave(checked.content);
      }}
    >
      {definition.rows.map((row) => {
        if ('derived' in row) return <BmiOutput key={row.derived} draft={draft} />;
        if (row.length === 1) return fieldOf(row[0] ?? '');
        return (
          <div key={row.join()} className={`grid-${row.length}`}>
            {row.map((name) => fieldOf(name))}
          </div>
        );
      })}
      {Object.keys(problems).length > 0 ? (
        // At the submit button, where the other forms say why nothing was saved.
        <div className="notice notice-error" role="alert">
          <strong>Not saved. </strong>
          Please check the fields marked above:{' '}
          {Object.keys(problems)
            .map((name) => definition.fields[name]?.label ?? name)
            .join(', ')}
          .
        </div>
      ) : null}
      <ErrorNotice error={error} title="Not saved." />
      <Button type="submit" busy={busy} busyText={busyText}>
        {submitLabel}
      </Button>
    </form>
  );
}

/** `form.age` → `age`, `form.teeth.0` → `teeth`: the gateway names fields inside the form. */
function formFieldErrors(error: ApiFailure): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fieldErrors)) {
    const path = field.split('.');
    const name = path[path.indexOf('form') + 1];
    if (name) errors[name] ??= message;
  }
  return errors;
}

/** Said of every field that may be left blank, before its own hint. */
const OPTIONAL = 'Optional.';

/** What an input is called: its label, and its unit when it has one ("Height (feet)"). */
const inputLabel = (field: FieldDefinition) =>
  field.unit ? `${field.label} (${field.unitInLabel ?? field.unit})` : field.label;

function FormField({
  field,
  value,
  onValue,
  error,
}: {
  field: FieldDefinition;
  value: string;
  onValue: (value: string) => void;
  error: string | undefined;
}) {
  const common = {
    label: inputLabel(field),
    name: field.name,
    hint: field.optional ? [OPTIONAL, field.hint].filter(Boolean).join(' ') : field.hint,
    value,
    onValue,
    error,
  };
  switch (field.kind) {
    case 'choice':
      return field.as === 'radio' ? (
        <RadioGroup
          legend={field.label}
          name={field.name}
          value={value}
          onValue={onValue}
          error={error}
          options={field.options}
        />
      ) : (
        <SelectField {...common} placeholder={field.placeholder} options={field.options} />
      );
    case 'integer':
      return (
        <TextField {...common} type="number" inputMode="numeric" min={field.min} max={field.max} />
      );
    case 'decimal':
      return (
        <TextField
          {...common}
          type="number"
          inputMode="decimal"
          step="any"
          min={field.min}
          max={field.max}
        />
      );
    case 'text':
      return field.multiline ? (
        <TextArea {...common} maxLength={field.maxLength} />
      ) : (
        <TextField {...common} placeholder={field.placeholder} maxLength={field.maxLength} />
      );
    case 'blood-pressure':
    case 'teeth':
      return <TextField {...common} placeholder={field.placeholder} />;
    case 'date':
      return <TextField {...common} type="date" />;
  }
}

/** The general-medicine fields BMI is worked out from (a renamed field fails the build). */
const bmiFrom = {
  weight: 'weightLbs',
  height: 'heightFeet',
} as const satisfies Record<string, keyof ClinicalForm<'general-medicine'>>;

/**
 * The BMI as it will be stored, shown while weight and height are typed: only once both
 * are within their limits, so a mistyped height shows no BMI beside its error.
 */
function BmiOutput({ draft }: { draft: Draft }) {
  const weight = draft[bmiFrom.weight]?.trim() ?? '';
  const height = draft[bmiFrom.height]?.trim() ?? '';
  const value = bmiWithinLimits(Number(weight), Number(height));
  const waitingFor =
    weight === '' || height === ''
      ? 'enter weight and height'
      : 'shown once weight and height are within their limits';
  return (
    <p className="bmi">
      BMI{' '}
      <output aria-label="BMI" aria-live="polite" data-testid="bmi">
        {value === undefined ? '—' : value.toFixed(1)}
      </output>
      {value === undefined ? (
        <span className="muted"> ({waitingFor})</span>
      ) : (
        <span className="muted"> ({bmiBand(value)}; calculated as you type)</span>
      )}
    </p>
  );
}

'use client';

import {
  bmiBand,
  bmiWithinLimits,
  CLINICAL_FORMS,
  MEASURED_IN,
  type FieldDefinition,
  type FormCategory,
  type RecordContent,
  type UnitSystem,
} from '@patrec/contract';
import { useState } from 'react';
import { ApiFailure } from '@/lib/api';
import { Button } from '../ui/button';
import { RadioGroup, SelectField, TextArea, TextField } from '../ui/inputs';
import { ErrorSummary } from '../ui/error-summary';
import { ErrorNotice } from '../ui/notice';
import { useSession } from '../session/session';
import { checkDraft, emptyDraft, type Draft, type DraftProblems } from './drafts';
import { checkTitle, TitleField } from './title-field';
import { draftSystem, useUnitSystem } from './units';

interface RecordFormProps {
  category: FormCategory;
  /** A stored record's values, when updating it. */
  initial?: Draft | undefined;
  /** The title entered with the stored record, when updating it. */
  initialTitle?: string | undefined;
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
  initialTitle,
  submitLabel,
  busyText,
  busy,
  error,
  onSave,
}: RecordFormProps) {
  const definition = CLINICAL_FORMS[category];
  const { me } = useSession();
  const [draft, setDraft] = useState<Draft>(initial ?? emptyDraft(category));
  const [title, setTitle] = useState(initialTitle ?? '');
  const [units, setUnits] = useUnitSystem(
    me.id,
    initial ? draftSystem(definition.fields, initial) : undefined,
  );
  const [problems, setProblems] = useState<DraftProblems>({});
  const [attempt, setAttempt] = useState(0);
  const fromGateway = error instanceof ApiFailure ? formFieldErrors(error) : {};
  const errors = { ...fromGateway, ...problems };
  const set = (field: string) => (value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    // A field being corrected no longer shows what was wrong with it before.
    setProblems(({ [field]: _corrected, ...others }) => others);
  };
  // Fields measured in the other units are not shown: one system of units per record.
  const shownHere = (name: string) => {
    const system = definition.fields[name]?.system;
    return system === undefined || system === units;
  };

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
        setAttempt((count) => count + 1);
        const checked = checkDraft(category, draft, units);
        const titled = checkTitle(title);
        setProblems({
          ...('problem' in titled ? { title: titled.problem } : {}),
          ...('problems' in checked ? checked.problems : {}),
        });
        if ('content' in checked && !('problem' in titled))
          onSave({ ...checked.content, ...titled });
      }}
    >
      <ErrorSummary
        title="Not saved. Please check:"
        attempt={attempt}
        problems={[
          ...(errors['title'] ? [{ name: 'title', label: 'Title', message: errors['title'] }] : []),
          ...Object.keys(definition.fields).flatMap((name) => {
            const message = errors[name];
            const label = definition.fields[name]?.label ?? name;
            return message && shownHere(name) ? [{ name, label, message }] : [];
          }),
        ]}
      />
      <TitleField
        value={title}
        onValue={(value) => {
          setTitle(value);
          setProblems(({ title: _corrected, ...others }) => others);
        }}
        error={errors['title']}
        madeFrom={TITLE_MADE_FROM[category]}
      />
      {definition.rows.map((row) => {
        if ('derived' in row) return <BmiOutput key={row.derived} draft={draft} units={units} />;
        const fields = row.filter(shownHere);
        const measured = fields.length < row.length;
        const shown =
          fields.length === 1 ? (
            fieldOf(fields[0] ?? '')
          ) : (
            <div key={row.join()} className={`grid-${fields.length}`}>
              {fields.map((name) => fieldOf(name))}
            </div>
          );
        return measured ? (
          <div key={row.join()}>
            <RadioGroup
              legend="Units"
              name="units"
              value={units}
              onValue={(value) => setUnits(value as UnitSystem)}
              options={UNIT_CHOICES}
            />
            {shown}
          </div>
        ) : (
          shown
        );
      })}
      {/* A problem with a field is in the summary above; anything else is said here. */}
      {Object.keys(fromGateway).length === 0 ? (
        <ErrorNotice error={error} title="Not saved." />
      ) : null}
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

/** What a title left blank is made from, by form. */
const TITLE_MADE_FROM: Record<FormCategory, string> = {
  'general-medicine': 'the BMI ("Check-up, BMI 24.3")',
  'clinical-results': 'the test and its result',
  cardiac: 'the ECG findings or the heart rate',
  dermatology: 'the condition and the area',
  dentistry: 'the procedure and the teeth',
};

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
    // A measurement is optional only in the other system of units, which is not shown.
    hint:
      field.optional && !field.system
        ? [OPTIONAL, field.hint].filter(Boolean).join(' ')
        : field.hint,
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

/** The units a person may measure in, as the form offers them. */
const UNIT_CHOICES = [
  { value: 'imperial', label: 'Pounds and feet' },
  { value: 'metric', label: 'Kilograms and centimetres' },
] satisfies { value: UnitSystem; label: string }[];

/**
 * The BMI as it will be stored, shown while weight and height are typed: only once both
 * are within their limits, so a mistyped height shows no BMI beside its error.
 */
function BmiOutput({ draft, units }: { draft: Draft; units: UnitSystem }) {
  const weight = draft[MEASURED_IN[units].weight]?.trim() ?? '';
  const height = draft[MEASURED_IN[units].height]?.trim() ?? '';
  const value = bmiWithinLimits(Number(weight), Number(height), units);
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

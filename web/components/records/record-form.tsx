'use client';

import { useState } from 'react';
import { ApiFailure } from '@/lib/api';
import { BLOOD_GROUPS, type FormCategory, type RecordContent } from '@/lib/types';
import { bmi, bmiBand, categoryLabel } from '@/lib/words';
import { Button } from '../ui/button';
import { RadioGroup, SelectField, TextArea, TextField } from '../ui/inputs';
import { ErrorNotice } from '../ui/notice';
import {
  contentOf,
  draftProblems,
  emptyDrafts,
  type Draft,
  type DraftProblems,
  type Drafts,
} from './drafts';

interface RecordFormProps {
  category: FormCategory;
  /** A stored record's values, when updating it. */
  initial?: Draft;
  submitLabel: string;
  busyText: string;
  busy: boolean;
  error: unknown;
  /** Saves; the form keeps what was typed whatever the answer. */
  onSave: (content: RecordContent) => void;
}

/** One of the five clinical forms; what was typed stays until it is saved. */
export function RecordForm({
  category,
  initial,
  submitLabel,
  busyText,
  busy,
  error,
  onSave,
}: RecordFormProps) {
  const [draft, setDraft] = useState<Draft>(initial ?? emptyDrafts[category]);
  const [problems, setProblems] = useState<DraftProblems>({});
  const fromGateway = error instanceof ApiFailure ? formFieldErrors(error) : {};
  const errors = { ...fromGateway, ...problems };
  const set = (field: string) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));

  return (
    <form
      className="form card"
      aria-label={`${categoryLabel[category]} form`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = draftProblems(category, draft);
        setProblems(found);
        if (Object.keys(found).length > 0) return;
        onSave(contentOf(category, draft));
      }}
    >
      <CategoryFields category={category} draft={draft} set={set} errors={errors} />
      {Object.keys(problems).length > 0 ? (
        <div className="notice notice-error" role="alert">
          Please check the fields marked below.
        </div>
      ) : null}
      <ErrorNotice error={error} title="Not saved." />
      <Button type="submit" busy={busy} busyText={busyText}>
        {submitLabel}
      </Button>
    </form>
  );
}

/** `form.age` → `age`: the gateway names fields inside the content's form. */
function formFieldErrors(error: ApiFailure): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fieldErrors)) {
    const name = field.split('.').at(-1);
    if (name) errors[name] ??= message;
  }
  return errors;
}

interface FieldsProps<C extends FormCategory> {
  draft: Drafts[C];
  set: (field: string) => (value: string) => void;
  errors: Record<string, string>;
}

function CategoryFields({
  category,
  draft,
  set,
  errors,
}: { category: FormCategory; draft: Draft } & Omit<FieldsProps<FormCategory>, 'draft'>) {
  switch (category) {
    case 'general-medicine':
      return (
        <GeneralMedicineFields
          draft={draft as Drafts['general-medicine']}
          set={set}
          errors={errors}
        />
      );
    case 'clinical-results':
      return (
        <ClinicalResultsFields
          draft={draft as Drafts['clinical-results']}
          set={set}
          errors={errors}
        />
      );
    case 'cardiac':
      return <CardiacFields draft={draft as Drafts['cardiac']} set={set} errors={errors} />;
    case 'dermatology':
      return <DermatologyFields draft={draft as Drafts['dermatology']} set={set} errors={errors} />;
    case 'dentistry':
      return <DentistryFields draft={draft as Drafts['dentistry']} set={set} errors={errors} />;
  }
}

const yesNo = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
] as const;

function GeneralMedicineFields({ draft, set, errors }: FieldsProps<'general-medicine'>) {
  const value = bmi(Number(draft.weightLbs), Number(draft.heightFeet));
  return (
    <>
      <RadioGroup
        legend="Gender"
        name="gender"
        value={draft.gender}
        onValue={set('gender')}
        error={errors.gender}
        options={[
          { value: 'female', label: 'Female' },
          { value: 'male', label: 'Male' },
          { value: 'other', label: 'Other' },
        ]}
      />
      <div className="grid-3">
        <TextField
          label="Age (years)"
          name="age"
          type="number"
          inputMode="numeric"
          min={0}
          max={130}
          value={draft.age}
          onValue={set('age')}
          error={errors.age}
        />
        <TextField
          label="Weight (lbs)"
          name="weightLbs"
          type="number"
          inputMode="decimal"
          step="any"
          min={0}
          value={draft.weightLbs}
          onValue={set('weightLbs')}
          error={errors.weightLbs}
        />
        <TextField
          label="Height (feet)"
          name="heightFeet"
          type="number"
          inputMode="decimal"
          step="any"
          min={0}
          max={9}
          hint="5 ft 9 in is 5.75"
          value={draft.heightFeet}
          onValue={set('heightFeet')}
          error={errors.heightFeet}
        />
      </div>
      <p className="bmi">
        BMI{' '}
        <output aria-label="BMI" aria-live="polite" data-testid="bmi">
          {value === undefined ? '—' : value.toFixed(1)}
        </output>
        {value === undefined ? (
          <span className="muted"> (enter weight and height)</span>
        ) : (
          <span className="muted"> ({bmiBand(value)}; calculated as you type)</span>
        )}
      </p>
      <div className="grid-2">
        <SelectField
          label="Blood group"
          name="bloodGroup"
          placeholder="Choose…"
          value={draft.bloodGroup}
          onValue={set('bloodGroup')}
          error={errors.bloodGroup}
          options={BLOOD_GROUPS.map((g) => ({ value: g, label: g }))}
        />
        <TextField
          label="Blood pressure (mmHg)"
          name="bloodPressure"
          placeholder="120/80"
          value={draft.bloodPressure}
          onValue={set('bloodPressure')}
          error={errors.bloodPressure}
        />
      </div>
      <RadioGroup
        legend="Diabetes"
        name="diabetes"
        value={draft.diabetes}
        onValue={set('diabetes')}
        error={errors.diabetes}
        options={yesNo}
      />
      <TextField
        label="Food allergies"
        name="foodAllergies"
        hint="Leave empty if none."
        maxLength={500}
        value={draft.foodAllergies}
        onValue={set('foodAllergies')}
        error={errors.foodAllergies}
      />
      <Notes draft={draft} set={set} errors={errors} />
    </>
  );
}

function Notes({
  draft,
  set,
  errors,
}: { draft: { notes: string } } & Omit<FieldsProps<'cardiac'>, 'draft'>) {
  return (
    <TextArea
      label="Notes"
      name="notes"
      maxLength={4000}
      value={draft.notes}
      onValue={set('notes')}
      error={errors.notes}
    />
  );
}

function ClinicalResultsFields({ draft, set, errors }: FieldsProps<'clinical-results'>) {
  return (
    <>
      <div className="grid-2">
        <TextField
          label="Test"
          name="testName"
          placeholder="HbA1c"
          maxLength={200}
          value={draft.testName}
          onValue={set('testName')}
          error={errors.testName}
        />
        <TextField
          label="Taken on"
          name="takenOn"
          type="date"
          value={draft.takenOn}
          onValue={set('takenOn')}
          error={errors.takenOn}
        />
      </div>
      <div className="grid-3">
        <TextField
          label="Result"
          name="result"
          maxLength={2000}
          value={draft.result}
          onValue={set('result')}
          error={errors.result}
        />
        <TextField
          label="Unit"
          name="unit"
          placeholder="mmol/L"
          maxLength={50}
          value={draft.unit}
          onValue={set('unit')}
          error={errors.unit}
        />
        <TextField
          label="Reference range"
          name="referenceRange"
          placeholder="4.0–5.6"
          maxLength={100}
          value={draft.referenceRange}
          onValue={set('referenceRange')}
          error={errors.referenceRange}
        />
      </div>
      <Notes draft={draft} set={set} errors={errors} />
    </>
  );
}

function CardiacFields({ draft, set, errors }: FieldsProps<'cardiac'>) {
  return (
    <>
      <div className="grid-3">
        <TextField
          label="Heart rate (bpm)"
          name="heartRate"
          type="number"
          inputMode="numeric"
          min={20}
          max={300}
          value={draft.heartRate}
          onValue={set('heartRate')}
          error={errors.heartRate}
        />
        <TextField
          label="Blood pressure (mmHg)"
          name="bloodPressure"
          placeholder="120/80"
          value={draft.bloodPressure}
          onValue={set('bloodPressure')}
          error={errors.bloodPressure}
        />
        <TextField
          label="Cholesterol (mg/dL)"
          name="cholesterolMgDl"
          type="number"
          inputMode="decimal"
          step="any"
          hint="Optional"
          value={draft.cholesterolMgDl}
          onValue={set('cholesterolMgDl')}
          error={errors.cholesterolMgDl}
        />
      </div>
      <RadioGroup
        legend="Chest pain"
        name="chestPain"
        value={draft.chestPain}
        onValue={set('chestPain')}
        error={errors.chestPain}
        options={yesNo}
      />
      <TextArea
        label="ECG findings"
        name="ecgFindings"
        maxLength={2000}
        value={draft.ecgFindings}
        onValue={set('ecgFindings')}
        error={errors.ecgFindings}
      />
      <Notes draft={draft} set={set} errors={errors} />
    </>
  );
}

function DermatologyFields({ draft, set, errors }: FieldsProps<'dermatology'>) {
  return (
    <>
      <div className="grid-2">
        <TextField
          label="Condition"
          name="condition"
          maxLength={200}
          value={draft.condition}
          onValue={set('condition')}
          error={errors.condition}
        />
        <TextField
          label="Affected area"
          name="affectedArea"
          maxLength={200}
          value={draft.affectedArea}
          onValue={set('affectedArea')}
          error={errors.affectedArea}
        />
      </div>
      <RadioGroup
        legend="Severity"
        name="severity"
        value={draft.severity}
        onValue={set('severity')}
        error={errors.severity}
        options={[
          { value: 'mild', label: 'Mild' },
          { value: 'moderate', label: 'Moderate' },
          { value: 'severe', label: 'Severe' },
        ]}
      />
      <TextArea
        label="Treatment"
        name="treatment"
        maxLength={1000}
        value={draft.treatment}
        onValue={set('treatment')}
        error={errors.treatment}
      />
      <Notes draft={draft} set={set} errors={errors} />
    </>
  );
}

function DentistryFields({ draft, set, errors }: FieldsProps<'dentistry'>) {
  return (
    <>
      <TextField
        label="Teeth"
        name="teeth"
        hint="FDI numbers (11–48), separated by commas: 16, 26"
        value={draft.teeth}
        onValue={set('teeth')}
        error={errors.teeth}
      />
      <div className="grid-2">
        <TextField
          label="Procedure"
          name="procedure"
          maxLength={200}
          value={draft.procedure}
          onValue={set('procedure')}
          error={errors.procedure}
        />
        <TextField
          label="Next visit"
          name="nextVisit"
          type="date"
          hint="Optional"
          value={draft.nextVisit}
          onValue={set('nextVisit')}
          error={errors.nextVisit}
        />
      </div>
      <TextArea
        label="Findings"
        name="findings"
        maxLength={2000}
        value={draft.findings}
        onValue={set('findings')}
        error={errors.findings}
      />
      <Notes draft={draft} set={set} errors={errors} />
    </>
  );
}

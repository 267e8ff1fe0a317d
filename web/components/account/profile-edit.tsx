'use client';

import type { Me, Role, WorkingHours } from '@patrec/contract';
import { useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { Button } from '../ui/button';
import { ErrorSummary, type FieldProblemLine } from '../ui/error-summary';
import { TextField } from '../ui/inputs';
import { ErrorNotice } from '../ui/notice';
import { scheduleDays, ScheduleEditor, scheduleOf, scheduleProblemOf } from './schedule-editor';

interface EditableField {
  name: string;
  label: string;
  maxLength: number;
  optional?: boolean;
  type?: 'tel';
  autoComplete?: string;
}

/** What each role may change of their profile (the gateway keeps the rest as given). */
const EDITABLE: Record<Role, EditableField[]> = {
  patient: [
    { name: 'address', label: 'Street address', maxLength: 200, autoComplete: 'street-address' },
    { name: 'city', label: 'City', maxLength: 100, autoComplete: 'address-level2' },
    { name: 'state', label: 'State or region', maxLength: 100, autoComplete: 'address-level1' },
    { name: 'country', label: 'Country', maxLength: 100, autoComplete: 'country-name' },
    { name: 'phone', label: 'Phone', maxLength: 20, optional: true, type: 'tel' },
  ],
  doctor: [
    { name: 'specialty', label: 'Specialty', maxLength: 100 },
    { name: 'qualification', label: 'Qualification', maxLength: 200 },
    { name: 'branch', label: 'Branch', maxLength: 100 },
    { name: 'phone', label: 'Phone', maxLength: 20, type: 'tel' },
    { name: 'clinicAddress', label: 'Clinic address', maxLength: 200 },
  ],
  admin: [
    { name: 'firstName', label: 'First name', maxLength: 100, autoComplete: 'given-name' },
    { name: 'lastName', label: 'Last name', maxLength: 100, autoComplete: 'family-name' },
  ],
  auditor: [
    { name: 'firstName', label: 'First name', maxLength: 100, autoComplete: 'given-name' },
    { name: 'lastName', label: 'Last name', maxLength: 100, autoComplete: 'family-name' },
  ],
};

/** Why some details are not on the form. */
const KEPT_AS_GIVEN: Record<Role, string> = {
  patient:
    'Your name, date of birth and sex stay as you gave them: doctors you grant access know you by them. Ask your hospital to correct them.',
  doctor: 'Your name stays as your hospital’s admin verified it.',
  admin: '',
  auditor: '',
};

const save = (role: Role, values: Record<string, string>, schedule: WorkingHours[]) => {
  const text = (name: string) => values[name] ?? '';
  if (role === 'patient') {
    return api.editContactDetails({
      address: text('address'),
      city: text('city'),
      state: text('state'),
      country: text('country'),
      phone: text('phone'),
    });
  }
  if (role === 'doctor') {
    return api.editPublicProfile({
      specialty: text('specialty'),
      qualification: text('qualification'),
      clinicAddress: text('clinicAddress'),
      branch: text('branch'),
      phone: text('phone'),
      schedule,
    });
  }
  return api.editName({ firstName: text('firstName'), lastName: text('lastName') });
};

/** The person's own details, as their role may edit them; saved whole or not at all. */
export function ProfileEdit({
  me,
  onSaved,
  onCancel,
}: {
  me: Me;
  onSaved: (me: Me) => void;
  onCancel: () => void;
}) {
  const fields = EDITABLE[me.role];
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      fields.map(({ name }) => {
        const value = me.profile[name];
        return [name, typeof value === 'string' ? value : ''];
      }),
    ),
  );
  const [days, setDays] = useState(() =>
    scheduleDays(me.profile.schedule as WorkingHours[] | undefined),
  );
  const [attempt, setAttempt] = useState(0);
  const action = useAction();
  const fieldErrors: Partial<Record<string, string>> =
    action.error instanceof ApiFailure ? action.error.fieldErrors : {};
  const scheduleProblem = me.role === 'doctor' ? scheduleProblemOf(fieldErrors, days) : undefined;
  const problems: FieldProblemLine[] = [
    ...fields.flatMap(({ name, label }) => {
      const message = fieldErrors[name];
      return message ? [{ name, label, message }] : [];
    }),
    ...(scheduleProblem ? [scheduleProblem] : []),
  ];

  return (
    <form
      className="form"
      noValidate
      aria-label="Edit my details"
      onSubmit={(event) => {
        event.preventDefault();
        setAttempt((count) => count + 1);
        void action
          .run(() => save(me.role, values, scheduleOf(days)))
          .then((saved) => {
            if (saved) onSaved(saved);
          });
      }}
    >
      <ErrorSummary title="Not saved. Please check:" attempt={attempt} problems={problems} />
      {KEPT_AS_GIVEN[me.role] ? <p className="muted">{KEPT_AS_GIVEN[me.role]}</p> : null}
      <div className="grid-2">
        {fields.map((field) => (
          <TextField
            key={field.name}
            label={field.optional ? `${field.label} (optional)` : field.label}
            name={field.name}
            type={field.type}
            autoComplete={field.autoComplete}
            required={!field.optional}
            maxLength={field.maxLength}
            value={values[field.name] ?? ''}
            onValue={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
            error={fieldErrors[field.name]}
          />
        ))}
      </div>
      {me.role === 'doctor' ? (
        <ScheduleEditor days={days} onChange={setDays} problem={scheduleProblem} />
      ) : null}
      {problems.length === 0 ? <ErrorNotice error={action.error} title="Not saved." /> : null}
      <div className="actions">
        <Button type="submit" busy={action.busy} busyText="Saving…">
          Save my details
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

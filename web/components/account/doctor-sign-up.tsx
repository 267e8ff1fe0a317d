'use client';

import type { CreatedAccount, DoctorSignUp } from '@patrec/contract';
import { MIN_PASSWORD_LENGTH, WEEKDAYS } from '@patrec/contract/core';
import Link from 'next/link';
import { useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import type { HospitalOption } from '@/lib/hospitals';
import { useAction } from '@/lib/hooks';
import { weekdayLabel } from '@/lib/words';
import { Button } from '../ui/button';
import { SelectField, TextField } from '../ui/inputs';
import { ErrorSummary, type FieldProblemLine } from '../ui/error-summary';
import { ErrorNotice } from '../ui/notice';
import { NewIdPanel } from './sign-up-done';

interface ScheduleDay {
  on: boolean;
  from: string;
  to: string;
}

type Values = Omit<DoctorSignUp, 'schedule'> & { confirm: string };

const empty: Values = {
  firstName: '',
  lastName: '',
  specialty: '',
  hospital: '',
  qualification: '',
  clinicAddress: '',
  branch: '',
  phone: '',
  email: '',
  password: '',
  confirm: '',
};

/** Each input's label, for the input and for the summary of what is wrong. */
const LABELS: Record<keyof Values, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  specialty: 'Specialty',
  qualification: 'Qualification',
  hospital: 'Hospital',
  branch: 'Branch',
  phone: 'Phone',
  clinicAddress: 'Clinic address',
  email: 'E-mail',
  password: 'Password',
  confirm: 'Password again',
};

const PASSWORDS_DIFFER = 'The two passwords differ: type the same password twice.';

/** Doctor sign-up; ends on the new ID and the authenticator secret, shown only this once. */
export function DoctorSignUpForm({ hospitals }: { hospitals: HospitalOption[] }) {
  const [values, setValues] = useState<Values>(empty);
  const [schedule, setSchedule] = useState<ScheduleDay[]>(
    WEEKDAYS.map((_, index) => ({ on: index < 5, from: '09:00', to: '17:00' })),
  );
  const [mismatch, setMismatch] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<CreatedAccount>();
  const action = useAction();
  const set = (name: keyof Values) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const fieldErrors: Partial<Record<string, string>> =
    action.error instanceof ApiFailure ? action.error.fieldErrors : {};
  // `schedule.1.to` is about the second day sent: the second day ticked.
  const ticked = WEEKDAYS.filter((_, index) => schedule[index]?.on);
  const scheduleProblem = Object.entries(fieldErrors)
    .flatMap(([field, message]): FieldProblemLine[] => {
      const entry = /^schedule\.(\d+)/.exec(field)?.[1];
      if (!message || (field !== 'schedule' && entry === undefined)) return [];
      const day = entry === undefined ? undefined : ticked[Number(entry)];
      return [
        {
          name: `schedule-${day ?? WEEKDAYS[0]}`,
          label: day ? `Consulting hours, ${weekdayLabel[day]}` : 'Consulting hours',
          message,
        },
      ];
    })
    .at(0);
  const problems: FieldProblemLine[] = [
    ...Object.entries(LABELS).flatMap(([name, label]) => {
      const message = name === 'confirm' && mismatch ? PASSWORDS_DIFFER : fieldErrors[name];
      return message ? [{ name, label, message }] : [];
    }),
    ...(scheduleProblem ? [scheduleProblem] : []),
  ];
  const hospitalName = hospitals.find((h) => h.key === values.hospital)?.label ?? values.hospital;

  if (created) {
    return (
      <NewIdPanel id={created.id} role="doctor">
        {created.totp ? (
          <TotpEnrolment secret={created.totp.secret} uri={created.totp.uri} />
        ) : null}
        <p className="notice notice-info">
          Your account now awaits verification by the admin of {hospitalName}. You can log in at
          once; you can ask patients for access once you are verified.
        </p>
      </NewIdPanel>
    );
  }

  const submit = async () => {
    if (values.password !== values.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const form: DoctorSignUp = {
      firstName: values.firstName,
      lastName: values.lastName,
      specialty: values.specialty,
      hospital: values.hospital,
      qualification: values.qualification,
      clinicAddress: values.clinicAddress,
      branch: values.branch,
      phone: values.phone,
      email: values.email,
      password: values.password,
      schedule: schedule.flatMap((day, index) =>
        day.on ? [{ day: WEEKDAYS[index] ?? 'monday', from: day.from, to: day.to }] : [],
      ),
    };
    const answer = await action.run(() => api.signUpDoctor(form));
    if (answer) setCreated(answer);
  };

  return (
    <>
      <h1>Sign up as a doctor</h1>
      <p className="lead">
        Your hospital&apos;s admin verifies you before you can ask patients for access. Staff log in
        with an authenticator app: you get its secret at the end.
      </p>
      <form
        className="form card"
        // The summary above the fields says what is wrong, in the gateway's words.
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setAttempt((count) => count + 1);
          void submit();
        }}
      >
        <ErrorSummary title="Not signed up. Please check:" attempt={attempt} problems={problems} />
        <fieldset>
          <legend>About you</legend>
          <div className="grid-2">
            <TextField
              label={LABELS.firstName}
              name="firstName"
              autoComplete="given-name"
              required
              maxLength={100}
              value={values.firstName}
              onValue={set('firstName')}
              error={fieldErrors.firstName}
            />
            <TextField
              label={LABELS.lastName}
              name="lastName"
              autoComplete="family-name"
              required
              maxLength={100}
              value={values.lastName}
              onValue={set('lastName')}
              error={fieldErrors.lastName}
            />
          </div>
          <div className="grid-2">
            <TextField
              label={LABELS.specialty}
              name="specialty"
              required
              maxLength={100}
              placeholder="Cardiology"
              value={values.specialty}
              onValue={set('specialty')}
              error={fieldErrors.specialty}
            />
            <TextField
              label={LABELS.qualification}
              name="qualification"
              required
              maxLength={200}
              placeholder="MD, FACC"
              value={values.qualification}
              onValue={set('qualification')}
              error={fieldErrors.qualification}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Where you work</legend>
          <SelectField
            label={LABELS.hospital}
            name="hospital"
            required
            placeholder="Choose your hospital…"
            value={values.hospital}
            onValue={set('hospital')}
            options={hospitals.map((h) => ({ value: h.key, label: h.label }))}
            error={fieldErrors.hospital}
          />
          <div className="grid-2">
            <TextField
              label={LABELS.branch}
              name="branch"
              required
              maxLength={100}
              value={values.branch}
              onValue={set('branch')}
              error={fieldErrors.branch}
            />
            <TextField
              label={LABELS.phone}
              name="phone"
              type="tel"
              autoComplete="tel"
              required
              value={values.phone}
              onValue={set('phone')}
              error={fieldErrors.phone}
            />
          </div>
          <TextField
            label={LABELS.clinicAddress}
            name="clinicAddress"
            required
            maxLength={200}
            value={values.clinicAddress}
            onValue={set('clinicAddress')}
            error={fieldErrors.clinicAddress}
          />
        </fieldset>
        <fieldset>
          <legend>Consulting hours</legend>
          <div className="schedule">
            {WEEKDAYS.map((day, index) => {
              const entry = schedule[index] ?? { on: false, from: '09:00', to: '17:00' };
              const update = (change: Partial<ScheduleDay>) =>
                setSchedule((all) => all.map((d, i) => (i === index ? { ...d, ...change } : d)));
              const label = weekdayLabel[day];
              return (
                <div className="schedule-day" key={day}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      name={`schedule-${day}`}
                      checked={entry.on}
                      onChange={(e) => update({ on: e.target.checked })}
                    />
                    {label}
                  </label>
                  <input
                    type="time"
                    aria-label={`${label} from`}
                    value={entry.from}
                    disabled={!entry.on}
                    onChange={(e) => update({ from: e.target.value })}
                  />
                  <span aria-hidden="true">–</span>
                  <input
                    type="time"
                    aria-label={`${label} to`}
                    value={entry.to}
                    disabled={!entry.on}
                    onChange={(e) => update({ to: e.target.value })}
                  />
                </div>
              );
            })}
          </div>
          {scheduleProblem ? (
            <small className="field-error">{`${scheduleProblem.label}: ${scheduleProblem.message}`}</small>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Your account</legend>
          <TextField
            label={LABELS.email}
            name="email"
            type="email"
            autoComplete="email"
            required
            value={values.email}
            onValue={set('email')}
            error={fieldErrors.email}
          />
          <div className="grid-2">
            <TextField
              label={LABELS.password}
              hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD_LENGTH}
              maxLength={128}
              value={values.password}
              onValue={set('password')}
              error={fieldErrors.password}
            />
            <TextField
              label={LABELS.confirm}
              name="confirm"
              type="password"
              autoComplete="new-password"
              required
              value={values.confirm}
              onValue={set('confirm')}
              error={mismatch ? PASSWORDS_DIFFER : undefined}
            />
          </div>
        </fieldset>
        {problems.length === 0 ? <ErrorNotice error={action.error} title="Not signed up." /> : null}
        <Button type="submit" busy={action.busy} busyText="Enrolling you at your hospital…">
          Sign up
        </Button>
        <p className="muted">
          Already have an account? <Link href="/login">Log in</Link>.
        </p>
      </form>
    </>
  );
}

/** The TOTP secret, shown once: to type or scan into an authenticator app. */
function TotpEnrolment({ secret, uri }: { secret: string; uri: string }) {
  return (
    <section className="totp" aria-labelledby="totp-heading">
      <h2 id="totp-heading">Add PatRec to your authenticator app</h2>
      <p>
        You need a 6-digit code from an authenticator app every time you log in. Add an account in
        the app with this secret (time-based, 6 digits, 30 seconds). It is shown only now.
      </p>
      <dl className="facts">
        <dt>Secret</dt>
        <dd>
          <code data-testid="totp-secret" aria-label="Authenticator secret">
            {secret}
          </code>
        </dd>
        <dt>Set-up link</dt>
        <dd>
          <a href={uri} data-testid="totp-uri">
            Open in an authenticator app
          </a>
          <details>
            <summary>Show the link as text</summary>
            <code className="wrap">{uri}</code>
          </details>
        </dd>
      </dl>
    </section>
  );
}

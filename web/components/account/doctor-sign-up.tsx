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

/** Doctor sign-up; ends on the new ID and the authenticator secret, shown only this once. */
export function DoctorSignUpForm({ hospitals }: { hospitals: HospitalOption[] }) {
  const [values, setValues] = useState<Values>(empty);
  const [schedule, setSchedule] = useState<ScheduleDay[]>(
    WEEKDAYS.map((_, index) => ({ on: index < 5, from: '09:00', to: '17:00' })),
  );
  const [mismatch, setMismatch] = useState(false);
  const [created, setCreated] = useState<CreatedAccount>();
  const action = useAction();
  const set = (name: keyof Values) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const fieldErrors = action.error instanceof ApiFailure ? action.error.fieldErrors : {};
  // `schedule.1.to` is about the second day sent: the second day ticked.
  const ticked = WEEKDAYS.filter((_, index) => schedule[index]?.on);
  const scheduleError = Object.entries(fieldErrors)
    .map(([field, message]) => {
      const entry = /^schedule\.(\d+)/.exec(field)?.[1];
      const day = entry === undefined ? undefined : ticked[Number(entry)];
      return field === 'schedule' || entry !== undefined
        ? `${day ? `${weekdayLabel[day]}: ` : ''}${message}`
        : undefined;
    })
    .find((message) => message !== undefined);
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
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>About you</legend>
          <div className="grid-2">
            <TextField
              label="First name"
              name="firstName"
              autoComplete="given-name"
              required
              maxLength={100}
              value={values.firstName}
              onValue={set('firstName')}
              error={fieldErrors.firstName}
            />
            <TextField
              label="Last name"
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
              label="Specialty"
              name="specialty"
              required
              maxLength={100}
              placeholder="Cardiology"
              value={values.specialty}
              onValue={set('specialty')}
              error={fieldErrors.specialty}
            />
            <TextField
              label="Qualification"
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
            label="Hospital"
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
              label="Branch"
              name="branch"
              required
              maxLength={100}
              value={values.branch}
              onValue={set('branch')}
              error={fieldErrors.branch}
            />
            <TextField
              label="Phone"
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
            label="Clinic address"
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
          {scheduleError ? <small className="field-error">{scheduleError}</small> : null}
        </fieldset>
        <fieldset>
          <legend>Your account</legend>
          <TextField
            label="E-mail"
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
              label="Password"
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
              label="Password again"
              name="confirm"
              type="password"
              autoComplete="new-password"
              required
              value={values.confirm}
              onValue={set('confirm')}
              error={mismatch ? 'The two passwords differ.' : undefined}
            />
          </div>
        </fieldset>
        <ErrorNotice error={action.error} title="Not signed up." />
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

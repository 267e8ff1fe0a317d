'use client';

import type { CreatedAccount, DoctorSignUp } from '@patrec/contract';
import Link from 'next/link';
import { useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import type { HospitalOption } from '@/lib/hospitals';
import { useAction } from '@/lib/hooks';
import { Button } from '../ui/button';
import { SelectField, TextField } from '../ui/inputs';
import { ErrorSummary, type FieldProblemLine } from '../ui/error-summary';
import { ErrorNotice } from '../ui/notice';
import { scheduleDays, ScheduleEditor, scheduleOf, scheduleProblemOf } from './schedule-editor';
import { NewPasswordFields, PASSWORDS_DIFFER } from './new-password-fields';
import { NewIdPanel } from './sign-up-done';
import { TotpEnrolment } from './totp-enrolment';

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

/** Doctor sign-up; ends on the new ID and the authenticator secret, shown only this once. */
export function DoctorSignUpForm({ hospitals }: { hospitals: HospitalOption[] }) {
  const [values, setValues] = useState<Values>(empty);
  const [schedule, setSchedule] = useState(() => scheduleDays());
  const [mismatch, setMismatch] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<CreatedAccount>();
  const action = useAction();
  const set = (name: keyof Values) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const fieldErrors: Partial<Record<string, string>> =
    action.error instanceof ApiFailure ? action.error.fieldErrors : {};
  const scheduleProblem = scheduleProblemOf(fieldErrors, schedule);
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
      <NewIdPanel id={created.id} role="doctor" recoveryCodes={created.recoveryCodes}>
        {created.totp ? (
          <TotpEnrolment secret={created.totp.secret} uri={created.totp.uri}>
            <p>
              You need a 6-digit code from an authenticator app every time you log in. Scan the QR
              code with the app, or add an account with this secret (time-based, 6 digits, 30
              seconds). It is shown only now.
            </p>
          </TotpEnrolment>
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
      schedule: scheduleOf(schedule),
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
        <ScheduleEditor days={schedule} onChange={setSchedule} problem={scheduleProblem} />
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
          <NewPasswordFields
            name="password"
            labels={{ password: LABELS.password, confirm: LABELS.confirm }}
            password={values.password}
            confirm={values.confirm}
            onPassword={set('password')}
            onConfirm={set('confirm')}
            error={fieldErrors.password}
            mismatch={mismatch}
          />
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

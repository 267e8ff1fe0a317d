'use client';

import {
  ADMINISTRATIVE_GENDERS,
  EARLIEST_DATE,
  type AdministrativeGender,
  type CreatedAccount,
  type PatientSignUp,
} from '@patrec/contract';
import Link from 'next/link';
import { useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import type { HospitalOption } from '@/lib/hospitals';
import { useAction } from '@/lib/hooks';
import { sexLabel } from '@/lib/words';
import { Button } from '../ui/button';
import { SelectField, TextField } from '../ui/inputs';
import { ErrorSummary } from '../ui/error-summary';
import { ErrorNotice } from '../ui/notice';
import { NewPasswordFields, PASSWORDS_DIFFER } from './new-password-fields';
import { NewIdPanel } from './sign-up-done';

type Values = Omit<PatientSignUp, 'hospital' | 'sex'> & {
  sex: AdministrativeGender;
  hospital: string;
  confirm: string;
};

const empty: Values = {
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  sex: 'unknown',
  address: '',
  city: '',
  state: '',
  country: '',
  email: '',
  password: '',
  confirm: '',
  hospital: '',
};

/** Each input's label, for the input and for the summary of what is wrong. */
const LABELS: Record<keyof Values, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  address: 'Street address',
  city: 'City',
  state: 'State or region',
  country: 'Country',
  hospital: 'Hospital',
  email: 'E-mail',
  password: 'Password',
  confirm: 'Password again',
};

/** Patient sign-up with the seed's fields; ends on the new patient ID. */
export function PatientSignUpForm({ hospitals }: { hospitals: HospitalOption[] }) {
  const [values, setValues] = useState<Values>({ ...empty, hospital: hospitals[0]?.key ?? '' });
  const [mismatch, setMismatch] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<CreatedAccount>();
  const action = useAction();
  const set = (name: keyof Values) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const fieldErrors: Partial<Record<string, string>> =
    action.error instanceof ApiFailure ? action.error.fieldErrors : {};
  const problems = Object.entries(LABELS).flatMap(([name, label]) => {
    const message = name === 'confirm' && mismatch ? PASSWORDS_DIFFER : fieldErrors[name];
    return message ? [{ name, label, message }] : [];
  });

  if (created) {
    return <NewIdPanel id={created.id} role="patient" recoveryCodes={created.recoveryCodes} />;
  }

  const submit = async () => {
    if (values.password !== values.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const form: PatientSignUp = {
      firstName: values.firstName,
      lastName: values.lastName,
      dateOfBirth: values.dateOfBirth,
      sex: values.sex,
      address: values.address,
      city: values.city,
      state: values.state,
      country: values.country,
      email: values.email,
      password: values.password,
      ...(values.hospital ? { hospital: values.hospital } : {}),
    };
    const answer = await action.run(() => api.signUpPatient(form));
    if (answer) setCreated(answer);
  };

  return (
    <>
      <h1>Sign up as a patient</h1>
      <p className="lead">
        You get a patient ID. Doctors find your records by it, and read them only when you say so.
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
          <TextField
            label={LABELS.dateOfBirth}
            name="dateOfBirth"
            type="date"
            autoComplete="bday"
            required
            min={EARLIEST_DATE}
            max={new Date().toISOString().slice(0, 10)}
            value={values.dateOfBirth}
            onValue={set('dateOfBirth')}
            error={fieldErrors.dateOfBirth}
          />
          <SelectField
            label={LABELS.sex}
            hint="As on your official documents. Doctors you grant access see it with your name and date of birth, to be sure the records are yours."
            name="sex"
            value={values.sex}
            onValue={set('sex')}
            options={ADMINISTRATIVE_GENDERS.map((value) => ({ value, label: sexLabel[value] }))}
            error={fieldErrors.sex}
          />
        </fieldset>
        <fieldset>
          <legend>Address</legend>
          <TextField
            label={LABELS.address}
            name="address"
            autoComplete="street-address"
            required
            maxLength={200}
            value={values.address}
            onValue={set('address')}
            error={fieldErrors.address}
          />
          <div className="grid-3">
            <TextField
              label={LABELS.city}
              name="city"
              autoComplete="address-level2"
              required
              maxLength={100}
              value={values.city}
              onValue={set('city')}
              error={fieldErrors.city}
            />
            <TextField
              label={LABELS.state}
              name="state"
              autoComplete="address-level1"
              required
              maxLength={100}
              value={values.state}
              onValue={set('state')}
              error={fieldErrors.state}
            />
            <TextField
              label={LABELS.country}
              name="country"
              autoComplete="country-name"
              required
              maxLength={100}
              value={values.country}
              onValue={set('country')}
              error={fieldErrors.country}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Your account</legend>
          {hospitals.length > 1 ? (
            <SelectField
              label={LABELS.hospital}
              hint="The hospital that issues your identity on the network."
              name="hospital"
              value={values.hospital}
              onValue={set('hospital')}
              options={hospitals.map((h) => ({ value: h.key, label: h.label }))}
              error={fieldErrors.hospital}
            />
          ) : null}
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
        <Button type="submit" busy={action.busy} busyText="Creating your account on the ledger…">
          Sign up
        </Button>
        <p className="muted">
          Already have an account? <Link href="/login">Log in</Link>.
        </p>
      </form>
    </>
  );
}

'use client';

import {
  ADMINISTRATIVE_GENDERS,
  EARLIEST_DATE,
  type AdministrativeGender,
  type PatientSignUp,
} from '@patrec/contract';
import { MIN_PASSWORD_LENGTH } from '@patrec/contract/core';
import Link from 'next/link';
import { useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import type { HospitalOption } from '@/lib/hospitals';
import { useAction } from '@/lib/hooks';
import { sexLabel } from '@/lib/words';
import { Button } from '../ui/button';
import { SelectField, TextField } from '../ui/inputs';
import { ErrorNotice } from '../ui/notice';
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

/** Patient sign-up with the seed's fields; ends on the new patient ID. */
export function PatientSignUpForm({ hospitals }: { hospitals: HospitalOption[] }) {
  const [values, setValues] = useState<Values>({ ...empty, hospital: hospitals[0]?.key ?? '' });
  const [mismatch, setMismatch] = useState(false);
  const [createdId, setCreatedId] = useState<string>();
  const action = useAction();
  const set = (name: keyof Values) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const fieldErrors = action.error instanceof ApiFailure ? action.error.fieldErrors : {};

  if (createdId) return <NewIdPanel id={createdId} role="patient" />;

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
    const created = await action.run(() => api.signUpPatient(form));
    if (created) setCreatedId(created.id);
  };

  return (
    <>
      <h1>Sign up as a patient</h1>
      <p className="lead">
        You get a patient ID. Doctors find your records by it, and read them only when you say so.
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
          <TextField
            label="Date of birth"
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
            label="Sex"
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
            label="Street address"
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
              label="City"
              name="city"
              autoComplete="address-level2"
              required
              maxLength={100}
              value={values.city}
              onValue={set('city')}
              error={fieldErrors.city}
            />
            <TextField
              label="State or region"
              name="state"
              autoComplete="address-level1"
              required
              maxLength={100}
              value={values.state}
              onValue={set('state')}
              error={fieldErrors.state}
            />
            <TextField
              label="Country"
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
              label="Hospital"
              hint="The hospital that issues your identity on the network."
              name="hospital"
              value={values.hospital}
              onValue={set('hospital')}
              options={hospitals.map((h) => ({ value: h.key, label: h.label }))}
              error={fieldErrors.hospital}
            />
          ) : null}
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

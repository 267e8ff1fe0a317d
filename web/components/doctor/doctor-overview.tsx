'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { DoctorConsentsView } from '../consents/doctor-consents';
import { useSession } from '../session/session';
import { Button } from '../ui/button';
import { TextField } from '../ui/inputs';

/** The doctor's home: find a patient, and every consent they hold or wait for. */
export function DoctorOverview() {
  const { me } = useSession();
  const router = useRouter();
  const [patientId, setPatientId] = useState('');
  const name = [me.profile.firstName, me.profile.lastName]
    .filter((part) => typeof part === 'string')
    .join(' ');
  return (
    <>
      <h1>{name ? `Dr ${name}` : me.id}</h1>
      <form
        className="form card inline-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          router.push(`/doctor/patients?id=${encodeURIComponent(patientId.trim().toUpperCase())}`);
        }}
      >
        <TextField
          label="Find a patient by ID"
          name="patientId"
          placeholder="PAT177"
          value={patientId}
          onValue={setPatientId}
          autoComplete="off"
        />
        <Button type="submit">Find</Button>
      </form>
      <DoctorConsentsView />
    </>
  );
}

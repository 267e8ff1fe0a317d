'use client';

import type { DoctorCard as DoctorCardInfo } from '@patrec/contract';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api';
import { hospitalLabel } from '@/lib/words';

// One look-up per doctor per page load: names do not change while someone reads a list.
const known = new Map<string, Promise<DoctorCardInfo | undefined>>();

export function lookUpDoctor(doctorId: string): Promise<DoctorCardInfo | undefined> {
  let found = known.get(doctorId);
  if (!found) {
    found = api.doctor(doctorId).catch(() => undefined);
    known.set(doctorId, found);
  }
  return found;
}

/** Forgets a doctor, so the next look-up sees a new status (after verify or suspend). */
export const forgetDoctor = (doctorId: string) => known.delete(doctorId);

export function useDoctor(doctorId: string | undefined): DoctorCardInfo | undefined {
  const [doctor, setDoctor] = useState<DoctorCardInfo>();
  useEffect(() => {
    let current = true;
    if (!doctorId) return undefined;
    void lookUpDoctor(doctorId).then((found) => current && setDoctor(found));
    return () => {
      current = false;
    };
  }, [doctorId]);
  return doctor;
}

export const doctorFullName = (doctor: DoctorCardInfo | undefined) =>
  doctor?.name ? `Dr ${doctor.name}` : undefined;

export const doctorHospital = (doctor: DoctorCardInfo | undefined) =>
  doctor?.hospitalName || doctor?.hospital
    ? hospitalLabel(doctor.hospitalName || doctor.hospital)
    : undefined;

/** "Dr Ada Lovelace (DOC140)"; the ID alone when the gateway does not say more. */
export function DoctorName({ doctorId }: { doctorId: string }) {
  const doctor = useDoctor(doctorId);
  const name = doctorFullName(doctor);
  return (
    <span className="person">
      {name ? (
        <>
          <strong>{name}</strong> <span className="id">({doctorId})</span>
        </>
      ) : (
        <strong className="id">{doctorId}</strong>
      )}
    </span>
  );
}

/** Name, specialty and hospital: who is asking, at a glance. */
export function DoctorCard({ doctorId }: { doctorId: string }) {
  const doctor = useDoctor(doctorId);
  const name = doctorFullName(doctor);
  return (
    <span className="person">
      <strong>{name ?? doctorId}</strong>
      {name ? <span className="id"> ({doctorId})</span> : null}
      {doctor?.specialty || doctorHospital(doctor) ? (
        <span className="person-detail">
          {[doctor?.specialty, doctorHospital(doctor)].filter(Boolean).join(' · ')}
        </span>
      ) : null}
    </span>
  );
}

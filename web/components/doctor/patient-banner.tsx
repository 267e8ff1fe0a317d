'use client';

import { EVENTS_ABOUT } from '@patrec/contract/core';
import { api, ApiFailure } from '@/lib/api';
import { useLoad } from '@/lib/hooks';
import { ageOn, formatCalendarDate, sexLabel } from '@/lib/words';
import { useLedgerEvents } from '../live/live-events';

/**
 * Who the patient is, on a doctor's screens about them, so that nobody reads or writes the
 * wrong person's records: name, birth date, age and sex while the patient grants the doctor
 * access, and the patient ID only before (or after) that.
 */
export function PatientBanner({ patientId }: { patientId: string }) {
  const identity = useLoad(() => api.patientIdentity(patientId), [patientId]);
  useLedgerEvents(EVENTS_ABOUT.consent, identity.reload);
  const known = identity.error ? undefined : identity.data;
  return (
    <section className="patient-banner" aria-label="Patient">
      {known ? (
        <p>
          <strong>
            {known.firstName} {known.lastName}
          </strong>
          <span>
            Born {formatCalendarDate(known.dateOfBirth)} ({ageOn(known.dateOfBirth)} years)
          </span>
          <span>{sexLabel[known.sex]}</span>
          <code>{patientId}</code>
        </p>
      ) : (
        <p>
          <code>{patientId}</code>
          <span className="muted">
            {identity.error instanceof ApiFailure && identity.error.reason === 'NO_CONSENT'
              ? `Name, birth date and sex are shown once ${patientId} grants you access.`
              : identity.error
                ? `Who ${patientId} is could not be loaded: ${identity.error instanceof Error ? identity.error.message : 'try again'}.`
                : 'Checking your access…'}
          </span>
        </p>
      )}
    </section>
  );
}

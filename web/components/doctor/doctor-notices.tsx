'use client';

import { LiveNotices } from '../live/live-notices';
import { useSession } from '../session/session';

/** Tells the doctor when a patient decides on a request, revokes, or their status changes. */
export function DoctorNotices() {
  const { me } = useSession();
  return (
    <LiveNotices
      names={[
        'AccessGranted',
        'AccessRejected',
        'AccessRevoked',
        'AccessShared',
        'DoctorVerified',
        'DoctorSuspended',
      ]}
      describe={(event) => {
        if (event.ids.doctorId && event.ids.doctorId !== me.id) return undefined;
        const patient = event.ids.patientId ?? 'A patient';
        const key = `${event.name}-${event.ids.consentId ?? event.txId ?? ''}`;
        switch (event.name) {
          case 'AccessGranted':
            return {
              key,
              text: `${patient} approved your request.`,
              href: `/doctor/patients?id=${patient}`,
              linkText: 'Open their records',
            };
          case 'AccessShared':
            return {
              key,
              text: `${patient} shared records with you.`,
              href: `/doctor/patients?id=${patient}`,
              linkText: 'Open their records',
            };
          case 'AccessRejected':
            return { key, text: `${patient} rejected your request.`, href: '/doctor' };
          case 'AccessRevoked':
            return { key, text: `${patient} revoked your access.`, href: '/doctor' };
          case 'DoctorVerified':
            return {
              key,
              text: 'Your account is verified: you can now find patients and ask for access.',
            };
          case 'DoctorSuspended':
            return {
              key,
              urgent: true,
              text: 'Your account was suspended by your hospital admin.',
            };
        }
      }}
    />
  );
}

'use client';

import { DoctorName } from '../doctor-directory/doctor-card';
import { LiveNotices } from '../live/live-notices';
import { useSession } from '../session/session';

/** Tells the patient at once when a doctor asks for access or declares an emergency. */
export function PatientNotices() {
  const { me } = useSession();
  return (
    <LiveNotices
      names={['AccessRequested', 'EmergencyAccessGranted', 'AccessGranted', 'AccessRejected']}
      closes={(event) =>
        ['AccessGranted', 'AccessRejected'].includes(event.name) && event.ids.consentId
          ? `AccessRequested-${event.ids.consentId}`
          : undefined
      }
      describe={(event) => {
        if (!['AccessRequested', 'EmergencyAccessGranted'].includes(event.name)) return undefined;
        const doctorId = event.ids.doctorId ?? undefined;
        if (!doctorId || (event.ids.patientId && event.ids.patientId !== me.id)) return undefined;
        const key = `${event.name}-${event.ids.consentId ?? event.txId ?? doctorId}`;
        if (event.name === 'EmergencyAccessGranted') {
          return {
            key,
            urgent: true,
            text: (
              <>
                Emergency access: <DoctorName doctorId={doctorId} /> declared an emergency and can
                read your records for up to 24 hours.
              </>
            ),
            href: '/patient/access',
            linkText: 'See it, or revoke',
          };
        }
        return {
          key,
          text: (
            <>
              New access request from <DoctorName doctorId={doctorId} />.
            </>
          ),
          href: '/patient/access',
          linkText: 'Review the request',
        };
      }}
    />
  );
}

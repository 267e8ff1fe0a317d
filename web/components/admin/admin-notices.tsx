'use client';

import { DoctorName } from '../doctor-directory/doctor-card';
import { LiveNotices } from '../live/live-notices';

/** Tells a hospital's admin at once when one of its doctors declares an emergency. */
export function AdminNotices() {
  return (
    <LiveNotices
      names={['EmergencyAccessGranted']}
      describe={(event) => {
        const { doctorId, patientId, consentId } = event.ids;
        if (!doctorId || !patientId) return undefined;
        return {
          key: `${event.name}-${consentId ?? event.txId ?? doctorId}`,
          urgent: true,
          text: (
            <>
              Emergency access: <DoctorName doctorId={doctorId} /> of your hospital declared an
              emergency and can read {patientId}&apos;s records for up to 24 hours.
            </>
          ),
        };
      }}
    />
  );
}

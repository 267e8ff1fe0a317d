'use client';

import type { DoctorStatus } from '@patrec/contract';
import { useState } from 'react';
import { hospitalLabel } from '@/lib/words';
import { api } from '@/lib/api';
import { useLedgerEvents } from '../live/live-events';
import { useSession } from '../session/session';
import { useLoad } from '@/lib/hooks';

/**
 * The logged-in doctor's verification status, from their own participant entry on the
 * ledger (its newest version), kept current by DoctorVerified and DoctorSuspended events.
 */
export function useMyDoctorStatus(): { status: DoctorStatus | undefined; loading: boolean } {
  const { me } = useSession();
  const [generation, setGeneration] = useState(0);
  const history = useLoad(() => api.participantHistory(me.id), [me.id, generation]);
  useLedgerEvents(['DoctorVerified', 'DoctorSuspended'], (event) => {
    if (event?.ids.doctorId && event.ids.doctorId !== me.id) return;
    setGeneration((g) => g + 1);
  });
  const status = history.data?.[0]?.value?.status;
  return {
    status: status === 'ACTIVE' ? undefined : status,
    loading: history.loading,
  };
}

/** A clear word on whether the doctor may ask for and read records yet. */
export function VerificationBanner() {
  const { me } = useSession();
  const { status, loading } = useMyDoctorStatus();
  if (loading && status === undefined) return null;
  switch (status) {
    case 'VERIFIED':
      return null;
    case 'UNVERIFIED':
      return (
        <div className="notice notice-warn verification" role="status">
          <strong>Awaiting verification.</strong> The admin of {hospitalLabel(me.hospital)} has not
          verified your account yet. Until then you cannot look up patients, ask for access or read
          records. This page updates by itself when you are verified.
        </div>
      );
    case 'SUSPENDED':
      return (
        <div className="notice notice-error verification" role="alert">
          <strong>Your account is suspended.</strong> You cannot ask for access or read records.
          Contact the admin of {hospitalLabel(me.hospital)}.
        </div>
      );
    case undefined:
      return (
        <div className="notice notice-info verification">
          Your verification status could not be loaded. If you are not verified yet, the ledger
          refuses look-ups and requests until your hospital admin verifies you.
        </div>
      );
  }
}

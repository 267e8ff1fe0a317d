'use client';

import type { ConsentView, EmergencyReason as Reason } from '@patrec/contract';
import { useState } from 'react';
import { api } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { formatDateTime } from '@/lib/words';
import { useSession } from '../session/session';
import { Button } from '../ui/button';
import { ErrorNotice } from '../ui/notice';

/**
 * Why a doctor declared an emergency, for the patient and auditors: the reason is kept
 * encrypted off the ledger and shown only once the gateway has checked it against the hash
 * the ledger holds. Read on request, not with the list: each is one more decryption.
 */
export function EmergencyReason({ consent }: { consent: ConsentView }) {
  const { me } = useSession();
  const action = useAction();
  const [reason, setReason] = useState<Reason>();
  if (me.role !== 'patient' && me.role !== 'auditor') return null;
  if (reason) {
    return (
      <figure className="emergency-reason">
        <blockquote>{reason.reason}</blockquote>
        <figcaption>
          {reason.doctorId}
          {reason.declaredAt ? `, ${formatDateTime(reason.declaredAt)}` : ''} — matches the hash on
          the ledger
        </figcaption>
      </figure>
    );
  }
  return (
    <>
      <Button
        variant="secondary"
        busy={action.busy}
        busyText="Checking the reason against the ledger…"
        onClick={() =>
          void action
            .run(() => api.emergencyReason(consent.consentId))
            .then((r) => r && setReason(r))
        }
      >
        Show the doctor&apos;s reason
      </Button>
      <ErrorNotice error={action.error} title="The reason could not be shown." />
    </>
  );
}

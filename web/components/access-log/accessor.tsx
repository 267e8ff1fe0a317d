'use client';

import type { AccessLogEntry } from '@patrec/contract';
import { hospitalLabel } from '@/lib/words';
import { DoctorName } from '../doctor-directory/doctor-card';

/** Who read: the name the gateway gave, else a doctor's looked-up name, else the ID. */
export function Accessor({ entry, selfId }: { entry: AccessLogEntry; selfId?: string }) {
  if (selfId && entry.accessorId === selfId) return <strong>You</strong>;
  if (entry.accessor.name) {
    return (
      <span className="person">
        <strong>
          {entry.accessorId.startsWith('DOC') ? 'Dr ' : ''}
          {entry.accessor.name}
        </strong>{' '}
        <span className="id">({entry.accessorId})</span>
        {entry.accessor.hospital ? (
          <span className="person-detail">{hospitalLabel(entry.accessor.hospital)}</span>
        ) : null}
      </span>
    );
  }
  if (entry.accessorId.startsWith('DOC')) return <DoctorName doctorId={entry.accessorId} />;
  return <strong className="id">{entry.accessorId}</strong>;
}

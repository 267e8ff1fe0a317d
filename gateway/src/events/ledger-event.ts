import type { Session } from '../accounts/session.js';

/** A chaincode event as the gateway keeps and forwards it: names and IDs only, no PHI. */
export interface LedgerEvent {
  /** Position in the channel: block × 100000 + index within the block. Also the SSE id. */
  seq: number;
  name: string;
  ids: Record<string, string | null>;
  txId: string;
  blockNumber: number;
}

const adminEvents = new Set(['ParticipantRegistered', 'DoctorVerified', 'DoctorSuspended']);

/** Whom an event concerns: the patient and doctor it names, admins for doctors, auditors all. */
export function concerns(event: LedgerEvent, session: Pick<Session, 'role' | 'userId'>): boolean {
  const { ids } = event;
  switch (session.role) {
    case 'auditor':
      return true;
    case 'admin':
      return adminEvents.has(event.name);
    case 'patient':
      return ids.patientId === session.userId || ids.participantId === session.userId;
    case 'doctor':
      return [ids.doctorId, ids.accessorId, ids.participantId].includes(session.userId);
  }
}

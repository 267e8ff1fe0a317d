import type { Context } from 'fabric-contract-api';
import { toLedger } from './ledger-json';

export type EventName =
  | 'ParticipantRegistered'
  | 'DoctorVerified'
  | 'DoctorSuspended'
  | 'RecordCreated'
  | 'RecordUpdated'
  | 'RecordDeleted'
  | 'AccessRequested'
  | 'AccessGranted'
  | 'AccessRejected'
  | 'AccessShared'
  | 'AccessRevoked'
  | 'EmergencyAccessGranted'
  | 'RecordAccessed'
  | 'DirectoryAccessed';

/**
 * Announces a state change. Fabric keeps one event per transaction (a second setEvent
 * replaces the first), so every transaction that writes calls this exactly once. Payloads
 * carry IDs only: listeners read the rest through the contract, which checks who asks.
 */
export function emitEvent(ctx: Context, name: EventName, ids: Record<string, string | null>): void {
  ctx.stub.setEvent(name, toLedger(ids));
}

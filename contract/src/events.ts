import type { Role } from './vocabulary.js';

/**
 * The chaincode's events. Each carries IDs only (no PHI); whoever wants more reads it
 * through the contract, which checks who asks. Fabric keeps one event per transaction.
 */
export const LEDGER_EVENTS = {
  ParticipantRegistered: ['participantId', 'mspId'],
  ReadKeyRegistered: ['participantId', 'mspId'],
  DoctorVerified: ['doctorId', 'adminId', 'mspId'],
  DoctorSuspended: ['doctorId', 'adminId', 'mspId'],
  RecordCreated: ['recordId', 'patientId', 'actorId', 'consentId'],
  RecordUpdated: ['recordId', 'patientId', 'actorId', 'consentId'],
  RecordDeleted: ['recordId', 'patientId', 'actorId', 'consentId'],
  AccessRequested: ['consentId', 'patientId', 'doctorId'],
  AccessGranted: ['consentId', 'patientId', 'doctorId'],
  AccessRejected: ['consentId', 'patientId', 'doctorId'],
  AccessShared: ['consentId', 'patientId', 'doctorId'],
  AccessRevoked: ['consentId', 'patientId', 'doctorId'],
  /** `mspId`: the declaring doctor's hospital, whose admins are told. */
  EmergencyAccessGranted: ['consentId', 'patientId', 'doctorId', 'mspId'],
  /** An entry of the access log: a read, or a refused attempt (no consent). */
  RecordAccessed: ['accessId', 'recordId', 'patientId', 'accessorId', 'consentId'],
  DirectoryAccessed: ['accessId', 'patientId', 'accessorId'],
} as const satisfies Record<string, readonly string[]>;

export type LedgerEventName = keyof typeof LEDGER_EVENTS;
export const LEDGER_EVENT_NAMES = Object.keys(LEDGER_EVENTS) as LedgerEventName[];

/**
 * Chaincode events that stand for many: a transaction logging a batch of reads emits one
 * `RecordsAccessed` (Fabric keeps one event per transaction) whose payload is
 * `{ "events": [ids, …] }`, each the IDs of one `RecordAccessed`. Listeners hand them on
 * one by one, as the event each stands for.
 */
export const BATCH_EVENTS = { RecordsAccessed: 'RecordAccessed' } as const satisfies Record<
  string,
  LedgerEventName
>;
export type BatchEventName = keyof typeof BATCH_EVENTS;

export function isBatchEventName(name: string): name is BatchEventName {
  return Object.hasOwn(BATCH_EVENTS, name);
}

/** The events by what they are about. */
export const EVENTS_ABOUT = {
  participant: ['ParticipantRegistered', 'ReadKeyRegistered', 'DoctorVerified', 'DoctorSuspended'],
  record: ['RecordCreated', 'RecordUpdated', 'RecordDeleted'],
  consent: [
    'AccessRequested',
    'AccessGranted',
    'AccessRejected',
    'AccessShared',
    'AccessRevoked',
    'EmergencyAccessGranted',
  ],
  access: ['RecordAccessed', 'DirectoryAccessed'],
} as const satisfies Record<string, readonly LedgerEventName[]>;

/** The IDs an event of `name` carries; a null ID is one the change did not involve. */
export type LedgerEventIds<N extends LedgerEventName = LedgerEventName> = Record<
  (typeof LEDGER_EVENTS)[N][number],
  string | null
>;

/** Someone who might be shown an event: their role, PatRec ID and hospital's MSP. */
export interface EventViewer {
  role: Role;
  id: string;
  mspId: string;
}

/**
 * Whether an event may be shown to `viewer`. It follows the contract's read rules, and
 * never goes beyond them: the participant themselves and their hospital's admins see
 * registrations and verifications (GetParticipant); a consent's patient and doctor see its
 * changes (GetConsent), and the declaring doctor's hospital admins an emergency; a record's owner and its writer see its changes (GetRecord); the
 * patient and the reader see a read (ListAccessLog); auditors see everything.
 */
export function mayReceiveEvent(
  name: LedgerEventName,
  ids: Partial<Record<string, string | null>>,
  viewer: EventViewer,
): boolean {
  if (viewer.role === 'auditor') return true;
  const is = (id: string | null | undefined) => id !== undefined && id !== null && id === viewer.id;
  switch (name) {
    case 'ParticipantRegistered':
    case 'ReadKeyRegistered':
      return is(ids.participantId) || (viewer.role === 'admin' && ids.mspId === viewer.mspId);
    case 'DoctorVerified':
    case 'DoctorSuspended':
      return is(ids.doctorId) || (viewer.role === 'admin' && ids.mspId === viewer.mspId);
    case 'RecordCreated':
    case 'RecordUpdated':
    case 'RecordDeleted':
      return is(ids.patientId) || is(ids.actorId);
    case 'AccessRequested':
    case 'AccessGranted':
    case 'AccessRejected':
    case 'AccessShared':
    case 'AccessRevoked':
      return is(ids.patientId) || is(ids.doctorId);
    case 'EmergencyAccessGranted':
      return (
        is(ids.patientId) ||
        is(ids.doctorId) ||
        (viewer.role === 'admin' && ids.mspId === viewer.mspId)
      );
    case 'RecordAccessed':
    case 'DirectoryAccessed':
      return is(ids.patientId) || is(ids.accessorId);
  }
}

export function isLedgerEventName(name: string): name is LedgerEventName {
  return Object.hasOwn(LEDGER_EVENTS, name);
}

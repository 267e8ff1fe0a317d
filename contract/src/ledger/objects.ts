import { z } from 'zod';
import * as f from '../fields.js';
import { ACCESS_REFUSALS } from '../refusals.js';

/**
 * What the chaincode keeps and answers with. The chaincode reads its state with parsers of
 * its own (typed by these), and its tests check its answers against these schemas; the
 * gateway's ledger client validates every answer with them.
 */

/** A patient or doctor as the ledger knows them: no name, no contact, nothing personal. */
export const participant = z.object({
  participantId: f.participantId,
  role: f.participantRole,
  mspId: f.mspId,
  status: f.participantStatus,
  registeredAt: f.ledgerTime,
  updatedAt: f.ledgerTime,
  /** Who made the last change: the participant on registration, an admin afterwards. */
  updatedBy: z.string(),
});
export type Participant = z.infer<typeof participant>;

/**
 * What the ledger knows of a record: owner, kind and the hash of its current content. A
 * deleted record stays as a tombstone (status DELETED) so its history remains auditable.
 */
export const healthRecord = z.object({
  recordId: f.recordId,
  patientId: f.patientId,
  category: f.category,
  /** SHA-256 (hex) of the current version's sealed content. */
  contentHash: f.sha256,
  version: z.number().int().min(1),
  status: f.recordStatus,
  createdAt: f.ledgerTime,
  createdBy: f.participantId,
  updatedAt: f.ledgerTime,
  updatedBy: f.participantId,
  /** The grant under which the current version was written; null when the owner wrote it. */
  consentId: f.consentId.nullable(),
});
export type HealthRecord = z.infer<typeof healthRecord>;

export const consent = z.object({
  consentId: f.consentId,
  patientId: f.patientId,
  doctorId: f.doctorId,
  origin: f.consentOrigin,
  status: f.consentStatus,
  /** Requested terms while PENDING; the granted (possibly narrowed) terms afterwards. */
  scope: f.scope,
  permission: f.permission,
  durationSeconds: z.number().int().positive(),
  /** Requests only. */
  purpose: f.purpose.nullable(),
  /** Emergencies only: SHA-256 of the stated reason, whose text is kept off-chain. */
  reasonHash: f.sha256.nullable(),
  /** Emergencies only: the doctor is of another hospital than the one the patient joined. */
  crossHospital: z.boolean().optional(),
  createdAt: f.ledgerTime,
  /** When the patient granted or rejected (for shares and emergencies, when created). */
  decidedAt: f.ledgerTime.nullable(),
  expiresAt: f.ledgerTime.nullable(),
  revokedAt: f.ledgerTime.nullable(),
});
export type Consent = z.infer<typeof consent>;

/** A consent as queries return it: with the status it has at the transaction's time. */
export const consentView = consent.extend({ effectiveStatus: f.effectiveConsentStatus });
export type ConsentView = z.infer<typeof consentView>;

/**
 * One read, or one refused attempt: of a record's content, or of a patient's record
 * directory. Never changed.
 */
export const accessEntry = z.object({
  accessId: f.accessId,
  kind: f.accessKind,
  patientId: f.patientId,
  /** The record read; null for a directory lookup. */
  recordId: f.recordId.nullable(),
  /** The version read; null for a directory lookup. */
  version: z.number().int().min(1).nullable(),
  accessorId: f.participantId,
  accessorMspId: f.mspId,
  /** The grant the read relied on; null for the owner and for directory lookups. */
  consentId: f.consentId.nullable(),
  emergency: z.boolean(),
  outcome: f.accessOutcome,
  /** Why the attempt was refused (`minor-failure`); null for a read that was served. */
  refusal: z.enum(ACCESS_REFUSALS).nullable(),
  accessedAt: f.ledgerTime,
  txId: f.sha256,
});
export type AccessEntry = z.infer<typeof accessEntry>;

/**
 * What a doctor sees of a patient's records before any consent: IDs, categories, dates, the
 * version number, and whether a grant of theirs in force lets them read it (always, for the
 * patient).
 */
export const directoryEntry = healthRecord
  .pick({ recordId: true, category: true, version: true, createdAt: true, updatedAt: true })
  .extend({ readable: z.boolean() });
export type DirectoryEntry = z.infer<typeof directoryEntry>;

/** One page of a patient's directory, with the access that logged this look-up. */
export const recordDirectory = f.pageOf(directoryEntry).extend({
  accessId: f.accessId,
  patientId: f.patientId,
});
export type RecordDirectory = z.infer<typeof recordDirectory>;

/**
 * A consent-checked read: the logged access and the metadata to verify the content by (for a
 * read of an earlier version, the record as it was at that version).
 */
export const recordAccess = z.object({ access: accessEntry, record: healthRecord });
export type RecordAccess = z.infer<typeof recordAccess>;

/** One past value of a ledger key, as Fabric's history database keeps it (newest first). */
export const historyOf = <T extends z.ZodType>(value: T) =>
  z.array(
    z.object({
      txId: z.string(),
      timestamp: z.string(),
      isDelete: z.boolean(),
      value: value.nullable(),
    }),
  );
export interface HistoryEntry<T> {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  value: T | null;
}

/** Whether a content hash is that of the record's current version. */
export const hashCheck = z.object({
  recordId: f.recordId,
  version: z.number().int().min(1),
  status: f.recordStatus,
  matches: z.boolean(),
});
export type HashCheck = z.infer<typeof hashCheck>;

/** Who the ledger believes the caller is: from the certificate, never from arguments. */
export const callerIdentity = z.object({
  mspId: z.string(),
  role: z.string().nullable(),
  patrecId: z.string().nullable(),
});
export type CallerIdentity = z.infer<typeof callerIdentity>;

/**
 * A record read a gateway carries for its reader, signed by them (see `reads.ts`): of the
 * current version, or of the `version` named.
 */
export const signedRead = z.object({
  requestId: f.sha256,
  recordId: f.recordId,
  version: z.number().int().min(1).optional(),
  readerId: f.participantId,
  requestedAt: f.ledgerTime,
  signature: f.signature,
});
export type SignedRead = z.infer<typeof signedRead>;

/**
 * What became of one read of a batch: the access, as `AccessRecord` gives it, or the
 * refusal it would have given, as the ledger words refusals (`formatLedgerError`).
 */
export const readOutcome = z.union([
  z.object({ requestId: f.sha256, access: recordAccess }),
  z.object({ requestId: f.sha256, refusal: z.string() }),
]);
export type ReadOutcome = z.infer<typeof readOutcome>;

/** A reader's registered key for signing the reads gateways carry for them. */
export const readKey = z.object({
  participantId: f.participantId,
  role: f.role,
  mspId: f.mspId,
  publicKey: f.publicKey,
  registeredAt: f.ledgerTime,
});
export type ReadKey = z.infer<typeof readKey>;

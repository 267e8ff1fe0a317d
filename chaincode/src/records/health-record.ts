import type { Context } from 'fabric-contract-api';
import { corruptState } from '../shared/errors';
import { splitRecordId } from '../shared/ids';
import { Shape } from '../shared/shape';

export const CATEGORIES = [
  'general-medicine',
  'clinical-results',
  'cardiac',
  'dermatology',
  'dentistry',
  'document',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const RECORD_STATUSES = ['ACTIVE', 'DELETED'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/**
 * What the ledger knows of a record: who owns it, what kind it is and the hash of its
 * current content. The content itself stays off-chain. A deleted record stays as a
 * tombstone (status DELETED) so its history remains auditable.
 */
export interface HealthRecord {
  recordId: string;
  patientId: string;
  category: Category;
  /** SHA-256 (hex) of the current version's content. */
  contentHash: string;
  version: number;
  status: RecordStatus;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** The grant under which the current version was written; null when the owner wrote it. */
  consentId: string | null;
}

export function parseHealthRecord(value: unknown): HealthRecord {
  const shape = new Shape(value, (problem) => corruptState('record', problem));
  return {
    recordId: shape.string('recordId'),
    patientId: shape.string('patientId'),
    category: shape.oneOf('category', CATEGORIES),
    contentHash: shape.string('contentHash'),
    version: shape.integer('version'),
    status: shape.oneOf('status', RECORD_STATUSES),
    createdAt: shape.string('createdAt'),
    createdBy: shape.string('createdBy'),
    updatedAt: shape.string('updatedAt'),
    updatedBy: shape.string('updatedBy'),
    consentId: shape.nullableString('consentId'),
  };
}

/** A patient's records sit under one partial key, in the order they were created. */
export const RECORD_OBJECT = 'record';

export function recordKey(ctx: Context, recordId: string): string {
  const parts = splitRecordId(recordId);
  if (!parts) throw new Error(`not a record ID: ${recordId}`);
  // Zero-padded so that REC10 sorts after REC9.
  const sequence = String(parts.sequence).padStart(10, '0');
  return ctx.stub.createCompositeKey(RECORD_OBJECT, [parts.patientId, sequence]);
}

/** The next sequence number of one patient's records: a per-patient, not a global, counter. */
export function recordCounterKey(ctx: Context, patientId: string): string {
  return ctx.stub.createCompositeKey('recordCounter', [patientId]);
}

/** The owner of a record, read from its ID (PAT168REC3 belongs to PAT168). */
export function ownerOf(recordId: string): string {
  const parts = splitRecordId(recordId);
  if (!parts) throw new Error(`not a record ID: ${recordId}`);
  return parts.patientId;
}

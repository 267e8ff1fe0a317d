import type { HealthRecord } from '@patrec/contract';
import { CATEGORIES, ownerOfRecord, RECORD_STATUSES, splitRecordId } from '@patrec/contract/core';
import type { Context } from 'fabric-contract-api';
import { corruptState } from '../shared/errors';
import { Shape } from '../shared/shape';

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

// Wide enough for any sequence number a record ID may carry (RECORD_ID allows ten digits).
const SEQUENCE_DIGITS = 10;
const PADDED_SEQUENCE = new RegExp(`^[0-9]{${SEQUENCE_DIGITS}}$`);

export function recordKey(ctx: Context, recordId: string): string {
  const parts = splitRecordId(recordId);
  if (!parts) throw new Error(`not a record ID: ${recordId}`);
  return recordKeyAt(ctx, parts.patientId, parts.sequence);
}

/** The key of a patient's record by its sequence number. */
export function recordKeyAt(ctx: Context, patientId: string, sequence: number): string {
  // Zero-padded so that REC10 sorts after REC9.
  const padded = String(sequence).padStart(SEQUENCE_DIGITS, '0');
  return ctx.stub.createCompositeKey(RECORD_OBJECT, [patientId, padded]);
}

/**
 * The key of a record as it was at one version, written with that version and never changed:
 * what a read of an earlier version is checked against.
 */
export function recordVersionKey(ctx: Context, recordId: string, version: number): string {
  const parts = splitRecordId(recordId);
  if (!parts) throw new Error(`not a record ID: ${recordId}`);
  const sequence = String(parts.sequence).padStart(SEQUENCE_DIGITS, '0');
  const padded = String(version).padStart(SEQUENCE_DIGITS, '0');
  return ctx.stub.createCompositeKey(RECORD_VERSION_OBJECT, [parts.patientId, sequence, padded]);
}

export const RECORD_VERSION_OBJECT = 'recordVersion';

/** The sequence number a key of one of the patient's records holds; undefined for any other key. */
export function sequenceOfRecordKey(
  ctx: Context,
  patientId: string,
  key: string,
): number | undefined {
  const { objectType, attributes } = ctx.stub.splitCompositeKey(key);
  const [owner, sequence = ''] = attributes;
  const ours = objectType === RECORD_OBJECT && attributes.length === 2 && owner === patientId;
  return ours && PADDED_SEQUENCE.test(sequence) ? Number(sequence) : undefined;
}

/** The next sequence number of one patient's records: a per-patient, not a global, counter. */
export function recordCounterKey(ctx: Context, patientId: string): string {
  return ctx.stub.createCompositeKey('recordCounter', [patientId]);
}

/** The owner of a record ID the argument checks let through (a malformed one is a bug). */
export function ownerOf(recordId: string): string {
  const owner = ownerOfRecord(recordId);
  if (!owner) throw new Error(`not a record ID: ${recordId}`);
  return owner;
}

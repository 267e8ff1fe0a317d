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

/** The owner of a record ID the argument checks let through (a malformed one is a bug). */
export function ownerOf(recordId: string): string {
  const owner = ownerOfRecord(recordId);
  if (!owner) throw new Error(`not a record ID: ${recordId}`);
  return owner;
}

import { z } from 'zod';
import * as f from '../fields.js';
import { recordContent, storedContent } from '../forms/record-content.js';
import { healthRecord, recordDirectory } from '../ledger/objects.js';

/** A record as people see it: its ledger metadata without hashes and writers. */
export const recordSummary = healthRecord.pick({
  recordId: true,
  patientId: true,
  category: true,
  version: true,
  status: true,
  createdAt: true,
  updatedAt: true,
});
export type RecordSummary = z.infer<typeof recordSummary>;

/** The header that names one record write, sent again unchanged with each retry of it. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const idempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, `${IDEMPOTENCY_HEADER} must be 1 to 255 visible ASCII characters`);

export const recordUpdate = z.strictObject({
  /** The version the writer started from, so one writer cannot overwrite another unseen. */
  expectedVersion: z.number().int().min(1),
  content: recordContent,
});
export type RecordUpdate = z.input<typeof recordUpdate>;

/** A page of the patient's (or an auditor's) list of a patient's records, deleted ones too. */
export const ownRecords = f.pageOf(recordSummary);

/**
 * GET /patients/:patientId/records: a page of the owner's list, or (doctors) a page of the
 * directory, each page a logged look-up that names its `accessId`.
 */
export const recordListing = z.union([recordDirectory, ownRecords]);
export type RecordListing = z.infer<typeof recordListing>;

/** A consent-checked read: the record, its content, and the access the ledger logged. */
export const recordRead = z.object({
  record: recordSummary,
  content: storedContent,
  access: z.object({
    accessId: f.accessId,
    consentId: f.consentId.nullable(),
    emergency: z.boolean(),
  }),
});
export type RecordRead = z.infer<typeof recordRead>;

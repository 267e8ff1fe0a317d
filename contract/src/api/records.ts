import { z } from 'zod';
import * as f from '../fields.js';
import { recordContent, storedContent } from '../forms/record-content.js';
import { directoryEntry, healthRecord, recordDirectory } from '../ledger/objects.js';

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

/**
 * A record's title in a list: for its owner, and for a doctor whose grant in force lets them
 * read it; null for anyone else, for a deleted record, and for one stored before titles.
 */
const listedTitle = z.string().nullable();

/** A record in its owner's (or an auditor's) list. */
export const listedRecord = recordSummary.extend({ title: listedTitle });
export type ListedRecord = z.infer<typeof listedRecord>;

/** A page of the patient's (or an auditor's) list of a patient's records, deleted ones too. */
export const ownRecords = f.pageOf(listedRecord);

/** A record in the directory a doctor looks up. */
export const listedDirectoryEntry = directoryEntry.extend({ title: listedTitle });
export type ListedDirectoryEntry = z.infer<typeof listedDirectoryEntry>;

export const listedDirectory = recordDirectory.extend({ items: z.array(listedDirectoryEntry) });

/**
 * GET /patients/:patientId/records: a page of the owner's list, or (doctors) a page of the
 * directory, each page a logged look-up that names its `accessId`.
 */
export const recordListing = z.union([listedDirectory, ownRecords]);
export type RecordListing = z.infer<typeof recordListing>;

/**
 * A consent-checked read: the record (as it was at the version read), its title and content,
 * and the access the ledger logged.
 */
export const recordRead = z.object({
  record: recordSummary,
  title: z.string(),
  content: storedContent,
  access: z.object({
    accessId: f.accessId,
    consentId: f.consentId.nullable(),
    emergency: z.boolean(),
  }),
});
export type RecordRead = z.infer<typeof recordRead>;

const VERSION_RULE = 'Give the version as a whole number from 1.';

/** GET /records/:recordId/versions/:version: which version of a record to read. */
export const recordVersionParams = z.strictObject({
  recordId: f.recordId,
  version: z.coerce.number(VERSION_RULE).int(VERSION_RULE).min(1, VERSION_RULE),
});

import { z } from 'zod';
import {
  ACCESS_ID,
  BOOKMARK,
  CONSENT_ID,
  DOCTOR_ID,
  ID_EXAMPLES,
  MAX_BOOKMARK_LENGTH,
  MSP_ID,
  PARTICIPANT_ID,
  PATIENT_ID,
  RECORD_ID,
  SHA256_HEX,
  SWEEP_ID,
} from './ids.js';
import type { Scope } from './scopes.js';
import * as words from './vocabulary.js';

/** zod schemas of the shared IDs and vocabularies, for everything built from them. */

export const patientId = z.string().regex(PATIENT_ID, ID_EXAMPLES.patient);
export const doctorId = z.string().regex(DOCTOR_ID, ID_EXAMPLES.doctor);
export const participantId = z.string().regex(PARTICIPANT_ID, ID_EXAMPLES.participant);
export const recordId = z.string().regex(RECORD_ID, ID_EXAMPLES.record);
export const consentId = z.string().regex(CONSENT_ID, ID_EXAMPLES.consent);
export const accessId = z.string().regex(ACCESS_ID, 'an access ID (ACC and 64 hex digits)');
export const sha256 = z.string().regex(SHA256_HEX, ID_EXAMPLES.sha256);
export const sweepId = z.string().regex(SWEEP_ID, ID_EXAMPLES.sweep);
export const mspId = z.string().regex(MSP_ID, ID_EXAMPLES.msp);
export const bookmark = z
  .string()
  .max(MAX_BOOKMARK_LENGTH)
  .regex(BOOKMARK, 'a bookmark from a previous page');
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** A P-256 public key as SPKI DER in base64 (91 bytes make 124 characters). */
export const publicKey = z.string().max(200).regex(BASE64, 'a public key (SPKI DER, base64)');
/** An ECDSA signature, DER in base64 (at most 72 bytes for P-256). */
export const signature = z.string().max(120).regex(BASE64, 'a signature (DER, base64)');
/** A time as the ledger writes it: ISO-8601 UTC with milliseconds. */
export const ledgerTime = z.iso.datetime({ precision: 3 });

export const role = z.enum(words.ROLES);
export const participantRole = z.enum(words.PARTICIPANT_ROLES);
export const doctorStatus = z.enum(words.DOCTOR_STATUSES);
export const participantStatus = z.enum(words.PARTICIPANT_STATUSES);
export const category = z.enum(words.CATEGORIES);
export const recordStatus = z.enum(words.RECORD_STATUSES);
export const permission = z.enum(words.PERMISSIONS);
export const purpose = z.enum(words.PURPOSES);
export const consentStatus = z.enum(words.CONSENT_STATUSES);
export const effectiveConsentStatus = z.enum(words.EFFECTIVE_CONSENT_STATUSES);
export const consentOrigin = z.enum(words.CONSENT_ORIGINS);
export const accessKind = z.enum(words.ACCESS_KINDS);
export const accessOutcome = z.enum(words.ACCESS_OUTCOMES);

/** Listed records, listed categories, or everything the patient has. */
export const scope: z.ZodType<Scope> = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ categories: z.array(category).min(1).max(words.CATEGORIES.length) }),
  z.strictObject({ records: z.array(recordId).min(1).max(words.MAX_SCOPE_RECORDS) }),
]);

/** One page of a list; an empty bookmark means there is no further page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), bookmark: z.string() });
export interface Page<T> {
  items: T[];
  bookmark: string;
}

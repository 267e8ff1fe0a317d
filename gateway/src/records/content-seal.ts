import { createHash } from 'node:crypto';
import type { HealthRecord, IntegrityProblem, StoredContent } from '@patrec/contract';
import { open, seal, type Sealed } from '../crypto/envelope.js';
import { fromStored, type StoredSealed } from '../crypto/stored.js';

/** The bytes the ledger's hash covers, in a fixed order. */
export function contentHash(sealed: Sealed): string {
  return createHash('sha256')
    .update(sealed.iv)
    .update(sealed.tag)
    .update(sealed.ciphertext)
    .digest('hex');
}

/**
 * Seals a record version bound to its patient and upload ID. The ledger holds the hash of
 * the ciphertext, not of the content: short clinical values could otherwise be confirmed by
 * guessing and hashing.
 */
export function sealContent(
  key: Buffer,
  patientId: string,
  uploadId: string,
  content: StoredContent,
) {
  const sealed = seal(key, Buffer.from(JSON.stringify(content)), contextOf(patientId, uploadId));
  return { sealed, contentHash: contentHash(sealed) };
}

export function openContent(
  key: Buffer,
  patientId: string,
  uploadId: string,
  sealed: Sealed,
): StoredContent {
  // Sealed by us from validated content, and authenticated by GCM: read back as written.
  return JSON.parse(open(key, sealed, contextOf(patientId, uploadId)).toString()) as StoredContent;
}

const contextOf = (patientId: string, uploadId: string) => `record:${patientId}:${uploadId}`;

/**
 * Seals a version's title apart from its content (so a list need not open contents), bound
 * to its patient and upload ID as the content is, under a context of its own.
 */
export function sealTitle(key: Buffer, patientId: string, uploadId: string, title: string) {
  return seal(key, Buffer.from(title), titleContextOf(patientId, uploadId));
}

export function openTitle(key: Buffer, patientId: string, uploadId: string, sealed: Sealed) {
  return open(key, sealed, titleContextOf(patientId, uploadId)).toString();
}

const titleContextOf = (patientId: string, uploadId: string) => `title:${patientId}:${uploadId}`;

/**
 * The stored version's sealed contents when they are the ones the ledger's record holds the
 * hash of (and of its patient), or what is wrong with them. Decrypting is the caller's step.
 */
export function verifiedSealed<S extends { sealed: StoredSealed; patientId: string }>(
  record: Pick<HealthRecord, 'contentHash' | 'patientId'>,
  stored: S | null,
): { stored: S; sealed: Sealed } | { problem: Exclude<IntegrityProblem, 'does-not-decrypt'> } {
  if (!stored) return { problem: 'missing' };
  const sealed = fromStored(stored.sealed);
  if (contentHash(sealed) !== record.contentHash || stored.patientId !== record.patientId) {
    return { problem: 'hash-mismatch' };
  }
  return { stored, sealed };
}

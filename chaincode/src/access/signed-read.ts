import type { SignedRead } from '@patrec/contract';
import { MAX_READ_AGE_MS, MAX_READS_PER_BATCH, readStatementText } from '@patrec/contract/core';
import type { Context } from 'fabric-contract-api';
import {
  integerArg,
  jsonArg,
  participantIdArg,
  recordIdArg,
  sha256Arg,
  timeArg,
} from '../shared/arguments';
import type { Caller } from '../shared/caller';
import { forbidden, invalidArgument } from '../shared/errors';
import { Shape } from '../shared/shape';
import { findReadKey, signedBy } from '../participants/read-key';

// A read is about 330 characters of JSON; the cap leaves room and refuses anything far bigger.
const MAX_BATCH_JSON = MAX_READS_PER_BATCH * 512;
const BASE64_SIGNATURE = /^[A-Za-z0-9+/]{1,120}={0,2}$/;

/** The `reads` argument of RecordReads: 1–100 signed reads, each request ID once. */
export function signedReadsArg(name: string, value: unknown): SignedRead[] {
  const parsed = jsonArg(name, value, MAX_BATCH_JSON);
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_READS_PER_BATCH) {
    throw invalidArgument(`${name} must be a list of 1 to ${MAX_READS_PER_BATCH} signed reads`);
  }
  const reads = parsed.map((item, index) => signedRead(`${name}[${index}]`, item));
  const requestIds = new Set(reads.map((read) => read.requestId));
  if (requestIds.size !== reads.length) throw invalidArgument(`${name} repeats a requestId`);
  return reads;
}

/** The `served` argument of RecordReads: request IDs, each of a read in the batch, once. */
export function servedArg(name: string, value: unknown, reads: SignedRead[]): string[] {
  const parsed = jsonArg(name, value, MAX_READS_PER_BATCH * 80);
  if (!Array.isArray(parsed)) throw invalidArgument(`${name} must be a list of request IDs`);
  const requestIds = parsed.map((item, index) => sha256Arg(`${name}[${index}]`, item));
  if (new Set(requestIds).size !== requestIds.length)
    throw invalidArgument(`${name} repeats a requestId`);
  const inBatch = new Set(reads.map((read) => read.requestId));
  const stranger = requestIds.find((requestId) => !inBatch.has(requestId));
  if (stranger)
    throw invalidArgument(`${name} names ${stranger}, which is not a read of this batch`);
  return requestIds;
}

function signedRead(name: string, value: unknown): SignedRead {
  const shape = new Shape(value, (problem) => invalidArgument(`${name}: ${problem}`));
  const signature = shape.string('signature');
  if (!BASE64_SIGNATURE.test(signature)) {
    throw invalidArgument(`${name}.signature must be a DER signature in base64`);
  }
  const version = shape.raw('version');
  return {
    requestId: sha256Arg(`${name}.requestId`, shape.raw('requestId')),
    recordId: recordIdArg(`${name}.recordId`, shape.raw('recordId')),
    ...(version === undefined ? {} : { version: versionOf(`${name}.version`, version) }),
    readerId: participantIdArg(`${name}.readerId`, shape.raw('readerId')),
    requestedAt: timeArg(`${name}.requestedAt`, shape.raw('requestedAt')),
    signature,
  };
}

/** A read's version: a whole number from 1, as JSON carries it. */
function versionOf(name: string, value: unknown): number {
  if (typeof value !== 'number') throw invalidArgument(`${name} must be a whole number from 1`);
  return integerArg(name, String(value), 1, Number.MAX_SAFE_INTEGER);
}

/**
 * The reader of a signed read, as the ledger knows them: the signature must be by the key
 * they registered, and the read recent (a signed read cannot be carried again much later).
 */
export async function signerOf(ctx: Context, read: SignedRead, now: string): Promise<Caller> {
  const key = await findReadKey(ctx, read.readerId);
  if (!key) throw forbidden('SIGNATURE', `${read.readerId} has registered no read key`);
  if (!signedBy(key, readStatementText(read), read.signature)) {
    throw forbidden(
      'SIGNATURE',
      `the read of ${read.recordId} is not signed with ${read.readerId}'s registered key`,
    );
  }
  const age = Date.parse(now) - Date.parse(read.requestedAt);
  if (Math.abs(age) > MAX_READ_AGE_MS) {
    throw invalidArgument(
      `the read of ${read.recordId} was asked for at ${read.requestedAt}, more than ${MAX_READ_AGE_MS / 1000} s from this transaction's time`,
    );
  }
  return { mspId: key.mspId, role: key.role, id: key.participantId };
}

import type { HealthRecord, Page } from '@patrec/contract';
import { recordIdOf } from '@patrec/contract/core';
import type { Context } from 'fabric-contract-api';
import { stateOf } from '../shared/transaction-reads';
import { corruptState, invalidArgument, notFound } from '../shared/errors';
import { fromLedger, toLedger } from '../shared/ledger-json';
import {
  bookmarkKey,
  bookmarkToken,
  drainIterator,
  endOfPrefix,
  type PageRequest,
} from '../shared/pagination';
import { Shape } from '../shared/shape';
import {
  parseHealthRecord,
  RECORD_OBJECT,
  recordCounterKey,
  recordKey,
  recordKeyAt,
  recordVersionKey,
  sequenceOfRecordKey,
} from './health-record';

// Records are read by the record, consent and access contracts alike, so the reads live here.

export async function findRecord(
  ctx: Context,
  recordId: string,
): Promise<HealthRecord | undefined> {
  const bytes = await stateOf(ctx, recordKey(ctx, recordId));
  return bytes.length === 0 ? undefined : parseHealthRecord(fromLedger(bytes, 'record'));
}

/** A record, tombstones included. */
export async function readRecord(ctx: Context, recordId: string): Promise<HealthRecord> {
  const record = await findRecord(ctx, recordId);
  if (!record) throw notFound(`there is no record ${recordId}; check the ID`);
  return record;
}

/** A record that has not been deleted: the only kind that can be read, changed or granted. */
export async function readLiveRecord(ctx: Context, recordId: string): Promise<HealthRecord> {
  const record = await readRecord(ctx, recordId);
  if (record.status === 'DELETED') throw notFound(`record ${recordId} was deleted`);
  return record;
}

export async function putRecord(ctx: Context, record: HealthRecord): Promise<void> {
  await ctx.stub.putState(recordKey(ctx, record.recordId), toLedger(record));
}

/** Keeps a new version of a record as it is now, to check a later read of that version by. */
export async function putRecordVersion(ctx: Context, record: HealthRecord): Promise<void> {
  const key = recordVersionKey(ctx, record.recordId, record.version);
  await ctx.stub.putState(key, toLedger(record));
}

/**
 * The live record as it was at `version` (the current one, or an earlier one): its hash is
 * the one that version's content must have. NOT_FOUND for a version it never had.
 */
export async function readRecordAt(
  ctx: Context,
  record: HealthRecord,
  version: number,
): Promise<HealthRecord> {
  if (version === record.version) return record;
  const { recordId } = record;
  if (version > record.version) {
    throw notFound(`record ${recordId} has no version ${version}; its latest is ${record.version}`);
  }
  const bytes = await stateOf(ctx, recordVersionKey(ctx, recordId, version));
  if (bytes.length > 0) return parseHealthRecord(fromLedger(bytes, 'record version'));
  // Versions written before they were kept apart are found in the record's own history.
  const history = await drainIterator(await ctx.stub.getHistoryForKey(recordKey(ctx, recordId)));
  for (const modification of history) {
    if (modification.isDelete) continue;
    const earlier = parseHealthRecord(fromLedger(modification.value, 'record'));
    if (earlier.version === version && earlier.status === 'ACTIVE') return earlier;
  }
  throw corruptState('record', `${recordId} has no trace of its version ${version}`);
}

/** How many records the patient has had, deleted ones included: their next sequence number. */
export async function recordCount(ctx: Context, patientId: string): Promise<number> {
  const bytes = await ctx.stub.getState(recordCounterKey(ctx, patientId));
  if (bytes.length === 0) return 0;
  const shape = new Shape(fromLedger(bytes, 'record counter'), (problem) =>
    corruptState('record counter', problem),
  );
  return shape.integer('next');
}

/** Takes the patient's next record ID and advances their counter. */
export async function allocateRecordId(ctx: Context, patientId: string): Promise<string> {
  const next = await recordCount(ctx, patientId);
  await ctx.stub.putState(recordCounterKey(ctx, patientId), toLedger({ next: next + 1 }));
  return recordIdOf(patientId, next);
}

/**
 * A page of a patient's records in creation order, deleted ones included, for transactions
 * that also write: Fabric refuses paginated queries there, and an unpaginated range would
 * read from the first record at every page. A patient's records are REC0, REC1, … up to
 * their counter (each created with its number, none ever removed), so a page is read by
 * exact keys from the bookmark on. Its bookmark is the next record's key, as ListRecords'
 * pages of the same range have it.
 */
export async function pageOfRecordsByKey(
  ctx: Context,
  patientId: string,
  request: PageRequest,
): Promise<Page<HealthRecord>> {
  const first = firstSequenceOf(ctx, patientId, request.bookmark);
  const count = await recordCount(ctx, patientId);
  const end = Math.min(first + request.pageSize, count);
  const items: HealthRecord[] = [];
  for (let sequence = first; sequence < end; sequence += 1) {
    const recordId = recordIdOf(patientId, sequence);
    const record = await findRecord(ctx, recordId);
    if (!record) throw corruptState('record', `${recordId} is missing below its counter`);
    items.push(record);
  }
  const bookmark = end < count ? bookmarkToken(recordKeyAt(ctx, patientId, end)) : '';
  return { items, bookmark };
}

/** Where a page of the patient's records starts: their first record, or the bookmark's. */
function firstSequenceOf(ctx: Context, patientId: string, bookmark: string): number {
  if (bookmark === '') return 0;
  const prefix = ctx.stub.createCompositeKey(RECORD_OBJECT, [patientId]);
  const sequence = sequenceOfRecordKey(
    ctx,
    patientId,
    bookmarkKey(bookmark, prefix, endOfPrefix(prefix)),
  );
  if (sequence === undefined) throw invalidArgument('bookmark does not belong to this query');
  return sequence;
}

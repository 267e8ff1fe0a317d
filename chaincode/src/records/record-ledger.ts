import type { HealthRecord } from '@patrec/contract';
import { recordIdOf } from '@patrec/contract/core';
import type { Context } from 'fabric-contract-api';
import { corruptState, notFound } from '../shared/errors';
import { fromLedger, toLedger } from '../shared/ledger-json';
import { Shape } from '../shared/shape';
import { parseHealthRecord, recordCounterKey, recordKey } from './health-record';

// Records are read by the record, consent and access contracts alike, so the reads live here.

export async function findRecord(
  ctx: Context,
  recordId: string,
): Promise<HealthRecord | undefined> {
  const bytes = await ctx.stub.getState(recordKey(ctx, recordId));
  return bytes.length === 0 ? undefined : parseHealthRecord(fromLedger(bytes, 'record'));
}

/** A record, tombstones included. */
export async function readRecord(ctx: Context, recordId: string): Promise<HealthRecord> {
  const record = await findRecord(ctx, recordId);
  if (!record) throw notFound(`record ${recordId} does not exist`);
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

/** Takes the patient's next record ID and advances their counter. */
export async function allocateRecordId(ctx: Context, patientId: string): Promise<string> {
  const key = recordCounterKey(ctx, patientId);
  const bytes = await ctx.stub.getState(key);
  let next = 0;
  if (bytes.length > 0) {
    const shape = new Shape(fromLedger(bytes, 'record counter'), (problem) =>
      corruptState('record counter', problem),
    );
    next = shape.integer('next');
  }
  await ctx.stub.putState(key, toLedger({ next: next + 1 }));
  return recordIdOf(patientId, next);
}

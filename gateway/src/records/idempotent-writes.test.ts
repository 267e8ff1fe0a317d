import { expect } from 'chai';
import type { Db } from 'mongodb';
import { ApiError } from '../http/api-error.js';
import { IdempotentWrites } from './idempotent-writes.js';
import { byIdCollection } from '../test-support/by-id-collection.js';

function writesWith(staged: Set<string>, inFlightMs = 60_000) {
  const writes = byIdCollection();
  const db = { collection: () => writes } as unknown as Db;
  const keys = new IdempotentWrites(db, (id) => Promise.resolve(staged.has(id)), inFlightMs);
  return { keys, docs: writes.docs };
}

const summary = {
  recordId: 'PAT1REC0',
  patientId: 'PAT1',
  category: 'cardiac',
  version: 1,
  status: 'ACTIVE',
  createdAt: '2026-12-02T10:00:00.000Z',
  updatedAt: '2026-12-02T10:00:00.000Z',
} as const;

const request = { patientId: 'PAT1', content: { category: 'cardiac', form: { heartRate: 60 } } };

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).to.be.instanceOf(ApiError);
  return error as ApiError;
}

describe('idempotent record writes', () => {
  it('claims a new key for the caller, and answers a repeat with the version the first wrote', async () => {
    const { keys } = writesWith(new Set(['up1']));
    const claim = await keys.claim('PAT1', 'k-1', request, 'up1');
    expect(claim).to.deep.equal({ writeId: 'PAT1:k-1', uploadId: 'up1' });
    await keys.committed('PAT1:k-1', summary);
    expect(await keys.claim('PAT1', 'k-1', request, 'up2')).to.deep.equal(summary);
    // The same key from someone else is their own.
    expect(await keys.claim('PAT2', 'k-1', request, 'up3')).to.have.property('writeId', 'PAT2:k-1');
  });

  it('refuses a key reused for another request with 422, and one still in flight with 409', async () => {
    const { keys } = writesWith(new Set(['up1']));
    await keys.claim('PAT1', 'k-1', request, 'up1');
    const other = { ...request, patientId: 'PAT2' };
    const reused = await refusal(keys.claim('PAT1', 'k-1', other, 'up2'));
    expect([reused.status, reused.message]).to.deep.equal([
      422,
      'this Idempotency-Key was used for a different request',
    ]);
    const busy = await refusal(keys.claim('PAT1', 'k-1', request, 'up2'));
    expect([busy.status, busy.retryAfter]).to.deep.equal([409, 5]);
  });

  it('frees a key whose write was released, or left nothing staged long ago', async () => {
    const { keys, docs } = writesWith(new Set(), 1000);
    await keys.claim('PAT1', 'k-1', request, 'up1');
    await keys.release('PAT1:k-1');
    expect(await keys.claim('PAT1', 'k-1', request, 'up2')).to.have.property('uploadId', 'up2');
    // A gateway that died after claiming, before staging: stale once past the in-flight time.
    docs.set('PAT1:k-1', { ...docs.get('PAT1:k-1'), createdAt: new Date(Date.now() - 2000) });
    expect(await keys.claim('PAT1', 'k-1', request, 'up3')).to.have.property('uploadId', 'up3');
  });

  it('keeps refusing a stale key whose upload is still staged: the reconciler decides it', async () => {
    const { keys, docs } = writesWith(new Set(['up1']), 1000);
    await keys.claim('PAT1', 'k-1', request, 'up1');
    docs.set('PAT1:k-1', { ...docs.get('PAT1:k-1'), createdAt: new Date(Date.now() - 2000) });
    expect((await refusal(keys.claim('PAT1', 'k-1', request, 'up2'))).status).to.equal(409);
  });
});

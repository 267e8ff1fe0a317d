import { randomBytes } from 'node:crypto';
import type { HealthRecord, Page } from '@patrec/contract';
import { expect } from 'chai';
import type { Db } from 'mongodb';
import pino from 'pino';
import { ApiError } from '../http/api-error.js';
import type { Ledger } from '../ledger/ledger.js';
import type { LedgerClient } from '../ledger/ledger-client.js';
import { sealContent } from '../records/content-seal.js';
import type { RecordContents } from '../records/record-contents.js';
import type { IntegrityAlert } from './integrity-alerts.js';
import { IntegritySweeps } from './integrity-sweeps.js';
import { byIdCollection } from '../test-support/by-id-collection.js';

const log = pino({ level: 'silent' });
const key = randomBytes(32);

function recordOf(patientId: string, n: number, contentHash: string, deleted = false) {
  return {
    recordId: `${patientId}REC${n}`,
    patientId,
    category: 'cardiac',
    contentHash,
    version: 1,
    status: deleted ? 'DELETED' : 'ACTIVE',
    createdAt: '2026-12-01T10:00:00.000Z',
    createdBy: patientId,
    updatedAt: '2026-12-01T10:00:00.000Z',
    updatedBy: patientId,
    consentId: null,
  } satisfies HealthRecord;
}

/** A record on the ledger and its version as stored, sealed the way the gateway seals. */
function sealedRecord(patientId: string, n: number) {
  const content = { category: 'cardiac' as const, form: { heartRate: 60 + n } };
  const { sealed, contentHash } = sealContent(key, patientId, `up${n}`, content as never);
  return { record: recordOf(patientId, n, contentHash), stored: { sealed, patientId } };
}

/** The ledger's record list in pages of two, each page after `gate` lets it through. */
function ledgerListing(records: HealthRecord[], gate = () => Promise.resolve()) {
  const client = {
    audit: {
      listAllRecords: async ({ bookmark }: { bookmark: string }): Promise<Page<HealthRecord>> => {
        await gate();
        const from = Number(bookmark || '0');
        return {
          items: records.slice(from, from + 2),
          bookmark: from + 2 < records.length ? String(from + 2) : '',
        };
      },
    },
  } as unknown as LedgerClient;
  const callers: string[] = [];
  const ledger = {
    as: (id: string, work: (client: LedgerClient) => Promise<unknown>) => {
      callers.push(id);
      return work(client);
    },
  } as unknown as Ledger;
  return { ledger, callers };
}

function contentsHolding(stored: Map<string, unknown>) {
  const alerts: IntegrityAlert[] = [];
  const contents = {
    version: (recordId: string, version: number) =>
      Promise.resolve(stored.get(`${recordId}@${version}`) ?? null),
    alerts: { raise: (alert: IntegrityAlert) => (alerts.push(alert), Promise.resolve()) },
  } as unknown as RecordContents;
  return { contents, alerts };
}

function sweepsOver(ledger: Ledger, contents: RecordContents) {
  const sweeps = byIdCollection();
  const db = { collection: () => sweeps } as unknown as Db;
  return { sweeps: new IntegritySweeps(db, ledger, contents, log, 2), stored: sweeps.docs };
}

describe('integrity sweeps', () => {
  it('checks every live record on the ledger, page by page, and raises an alert for each failure', async () => {
    const good = sealedRecord('PAT1', 0);
    const tampered = sealedRecord('PAT1', 1);
    const swapped = sealedRecord('PAT2', 0);
    const missing = sealedRecord('PAT2', 1);
    const deleted = recordOf('PAT3', 0, 'f'.repeat(64), true);
    const stored = new Map<string, unknown>([
      ['PAT1REC0@1', good.stored],
      ['PAT1REC1@1', { ...tampered.stored, sealed: good.stored.sealed }],
      ['PAT2REC0@1', { ...swapped.stored, patientId: 'PAT9' }],
    ]);
    const records = [good, tampered, swapped, missing].map((r) => r.record);
    const { ledger, callers } = ledgerListing([...records, deleted]);
    const { contents, alerts } = contentsHolding(stored);
    const { sweeps } = sweepsOver(ledger, contents);

    const started = await sweeps.start('AUD1');
    expect(started).to.include({ state: 'running', checked: 0, failed: 0, startedBy: 'AUD1' });
    await sweeps.settled();

    const done = await sweeps.get(started.sweepId);
    expect(done).to.include({ state: 'finished', checked: 4, failed: 3, failure: null });
    expect(done.finishedAt).to.be.a('string');
    expect(alerts.map((a) => [a.recordId, a.problem, a.detectedBy])).to.deep.equal([
      ['PAT1REC1', 'hash-mismatch', 'AUD1'],
      ['PAT2REC0', 'hash-mismatch', 'AUD1'],
      ['PAT2REC1', 'missing', 'AUD1'],
    ]);
    // Three pages of two, each read as the auditor who started the sweep.
    expect(callers).to.deep.equal(['AUD1', 'AUD1', 'AUD1']);
  });

  it('refuses a second sweep while one runs, naming it, and allows one after', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { ledger } = ledgerListing([sealedRecord('PAT1', 0).record], () => gate);
    const { sweeps } = sweepsOver(ledger, contentsHolding(new Map()).contents);
    const first = await sweeps.start('AUD1');
    const refused = await sweeps.start('AUD2').catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(ApiError);
    expect((refused as ApiError).status).to.equal(409);
    expect((refused as ApiError).message).to.equal(
      `integrity sweep ${first.sweepId} is still running: follow it rather than start another`,
    );
    release();
    await sweeps.settled();
    const second = await sweeps.start('AUD2');
    expect(second.sweepId).to.not.equal(first.sweepId);
  });

  it('ends failed with the reason when the ledger stops answering, and hides unexpected errors', async () => {
    const unavailable = new ApiError('UNAVAILABLE', 'the ledger is not reachable right now');
    const down = ledgerListing([], () => Promise.reject(unavailable)).ledger;
    const { sweeps } = sweepsOver(down, contentsHolding(new Map()).contents);
    const sweep = await sweeps.start('AUD1');
    await sweeps.settled();
    expect(await sweeps.get(sweep.sweepId)).to.include({
      state: 'failed',
      failure: 'the ledger is not reachable right now',
    });

    const broken = ledgerListing([], () => Promise.reject(new Error('socket hang up'))).ledger;
    const other = sweepsOver(broken, contentsHolding(new Map()).contents).sweeps;
    const failed = await other.start('AUD1');
    await other.settled();
    const { failure } = await other.get(failed.sweepId);
    expect(failure).to.equal(
      `stopped on an unexpected error; the gateway's log has it under ${failed.sweepId}`,
    );
  });

  it('reads as interrupted once a running sweep has been silent for a minute, and 404 when unknown', async () => {
    const { ledger } = ledgerListing([]);
    const { sweeps, stored } = sweepsOver(ledger, contentsHolding(new Map()).contents);
    const lost = new Date(Date.now() - 61_000);
    stored.set('SWP0000000000000001', {
      _id: 'SWP0000000000000001',
      state: 'running',
      startedAt: lost,
      startedBy: 'AUD1',
      updatedAt: lost,
      finishedAt: null,
      checked: 200,
      failed: 0,
      failure: null,
    });
    expect((await sweeps.get('SWP0000000000000001')).state).to.equal('interrupted');
    const unknown = await sweeps.get('SWP0000000000000002').catch((error: unknown) => error);
    expect((unknown as ApiError).status).to.equal(404);
  });
});

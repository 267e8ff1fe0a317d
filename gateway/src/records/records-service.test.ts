import { randomBytes } from 'node:crypto';
import type { HealthRecord, RecordContent, RecordSummary } from '@patrec/contract';
import { expect } from 'chai';
import type { Session } from '../accounts/session.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { ApiError } from '../http/api-error.js';
import type { BeforeOrdering, Ledger } from '../ledger/ledger.js';
import type { LedgerClient } from '../ledger/ledger-client.js';
import type { PendingContent, RecordContents } from './record-contents.js';
import { WriteInFlight } from './idempotent-writes.js';
import { RecordsService } from './records-service.js';

const session: Session = {
  id: 's',
  userId: 'PAT1',
  role: 'patient',
  hospital: 'hospitala',
  csrfToken: 'c',
  expiresAt: new Date(Date.now() + 60_000),
};

const content = {
  category: 'dermatology',
  form: { condition: 'eczema', affectedArea: 'hands', severity: 'mild', treatment: '' },
} satisfies RecordContent;

const summary = { recordId: 'PAT1REC0', version: 1 } as RecordSummary;

const committed = (contentHash: string): HealthRecord => ({
  recordId: 'PAT1REC0',
  patientId: 'PAT1',
  category: 'dermatology',
  contentHash,
  version: 1,
  status: 'ACTIVE',
  createdAt: '2026-12-01T10:00:00.000Z',
  createdBy: 'PAT1',
  updatedAt: '2026-12-01T10:00:00.000Z',
  updatedBy: 'PAT1',
  consentId: null,
});

/** A store whose commit fails `failures` times; it remembers what is staged and kept. */
function storeFailing(failures: number) {
  const staged = new Map<string, PendingContent>();
  const kept: string[] = [];
  let left = failures;
  const store = {
    pending: {
      insertOne: (doc: PendingContent) => (staged.set(doc._id, doc), Promise.resolve()),
      deleteOne: ({ _id }: { _id: string }) => (staged.delete(_id), Promise.resolve()),
    },
    rollBack: (pending: PendingContent) => (staged.delete(pending._id), Promise.resolve()),
    keepTransaction: (pending: PendingContent, id: string, bytes: Uint8Array) => {
      staged.get(pending._id)!.transaction = { id, bytes: Buffer.from(bytes).toString('base64') };
      return Promise.resolve();
    },
    commit: (pending: PendingContent, { recordId, version }: RecordSummary) => {
      if (left > 0) {
        left -= 1;
        return Promise.reject(new Error('SQLITE_BUSY: database is locked'));
      }
      kept.push(`${recordId}@${version}`);
      staged.delete(pending._id);
      return Promise.resolve();
    },
  } as unknown as RecordContents;
  return { store, staged, kept };
}

/**
 * A ledger whose CreateRecord answers as `answer` does with the hash it was given, after
 * ordering its transaction (unless `ordering` is false: it failed before that).
 */
function ledgerAnswering(answer: (contentHash: string) => Promise<HealthRecord>, ordering = true) {
  return {
    as: (_id: string, work: (ledger: LedgerClient) => Promise<unknown>, before: BeforeOrdering) =>
      work({
        records: {
          createRecord: async ({ contentHash }: { contentHash: string }) => {
            if (ordering)
              await before({
                transactionId: 'tx1',
                bytes: Buffer.from('signed'),
                result: new Uint8Array(),
              });
            return answer(contentHash);
          },
        },
      } as unknown as LedgerClient),
  } as unknown as Ledger;
}

const keys = { keyOf: () => Promise.resolve(randomBytes(32)) } as unknown as DataKeys;

/** These tests write; a read would be a mistake. */
const noReads = { accessRecord: () => Promise.reject(new Error('no reads in these tests')) };

describe('record writes around the ledger', () => {
  it('keeps the version once the ledger committed it, retrying a busy store', async () => {
    const { store, staged, kept } = storeFailing(2);
    const records = new RecordsService(
      store,
      keys,
      ledgerAnswering((hash) => Promise.resolve(committed(hash))),
      noReads,
    );
    const summary = await records.create(session, 'PAT1', content);
    expect(summary).to.include({ recordId: 'PAT1REC0', version: 1 });
    expect(kept).to.deep.equal(['PAT1REC0@1']);
    expect(staged.size).to.equal(0);
  });

  it('answers 503 with Retry-After, never 500, when the store stays busy after the commit', async () => {
    const { store, staged } = storeFailing(Number.POSITIVE_INFINITY);
    const records = new RecordsService(
      store,
      keys,
      ledgerAnswering((hash) => Promise.resolve(committed(hash))),
      noReads,
    );
    const error = await records.create(session, 'PAT1', content).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect([(error as ApiError).status, (error as ApiError).retryAfter]).to.deep.equal([503, 5]);
    // The staged version stays, so the ledger's hash never points at nothing.
    expect(staged.size).to.equal(1);
  });

  it('drops the staged version when the ledger refused the write', async () => {
    const { store, staged } = storeFailing(0);
    const refusal = new ApiError('FORBIDDEN', 'no', { reason: 'NOT_YOURS' });
    const records = new RecordsService(
      store,
      keys,
      ledgerAnswering(() => Promise.reject(refusal)),
      noReads,
    );
    expect(await records.create(session, 'PAT1', content).catch((e: unknown) => e)).to.equal(
      refusal,
    );
    expect(staged.size).to.equal(0);
  });

  it('keeps the staged version with its transaction when the outcome on the ledger is unknown', async () => {
    const { store, staged } = storeFailing(0);
    const unknown = new ApiError('UNAVAILABLE', 'the ledger has not yet confirmed this write');
    const records = new RecordsService(
      store,
      keys,
      ledgerAnswering(() => Promise.reject(unknown)),
      noReads,
    );
    await records.create(session, 'PAT1', content).catch(() => undefined);
    expect([...staged.values()].map((s) => s.transaction)).to.deep.equal([
      { id: 'tx1', bytes: Buffer.from('signed').toString('base64') },
    ]);
  });

  it('drops the staged version when the ledger failed before anything was ordered', async () => {
    const { store, staged } = storeFailing(0);
    const unreachable = new ApiError('UNAVAILABLE', 'the ledger is not reachable right now');
    const records = new RecordsService(
      store,
      keys,
      ledgerAnswering(() => Promise.reject(unreachable), false),
      noReads,
    );
    const error = await records.create(session, 'PAT1', content).catch((e: unknown) => e);
    expect([error, staged.size]).to.deep.equal([unreachable, 0]);
  });

  it('sends the kept transaction of a write whose answer was lost again when the client retries', async () => {
    const { store, staged, kept } = storeFailing(0);
    const transaction = { id: 'tx1', bytes: Buffer.from('signed').toString('base64') };
    staged.set('up1', { _id: 'up1', transaction } as PendingContent);
    let claims = 0;
    Object.assign(store, {
      pending: { findOne: ({ _id }: { _id: string }) => Promise.resolve(staged.get(_id) ?? null) },
      writes: {
        claim: () =>
          (claims += 1) === 1 ? Promise.reject(new WriteInFlight('up1')) : Promise.resolve(summary),
      },
    });
    const sent: string[] = [];
    const ledger = {
      identities: { identityOf: () => Promise.resolve({ mspId: 'HospitalAMSP' }) },
      outcomeOf: (_identity: unknown, bytes: Uint8Array) => {
        sent.push(Buffer.from(bytes).toString());
        return Promise.resolve({ committed: true, result: JSON.stringify(committed('h')) });
      },
    } as unknown as Ledger;
    const records = new RecordsService(store, keys, ledger, noReads);
    expect(await records.create(session, 'PAT1', content, 'key-1')).to.equal(summary);
    expect([sent, kept, claims]).to.deep.equal([['signed'], ['PAT1REC0@1'], 2]);
  });
});

import { randomBytes } from 'node:crypto';
import type { StoredContent } from '@patrec/contract';
import { expect } from 'chai';
import pino from 'pino';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor } from '../test-support/people.js';
import { sealContent } from './content-seal.js';
import { reconcilePending } from './reconciler.js';

type App = Awaited<ReturnType<typeof integrationApp>>;

const content: StoredContent = {
  category: 'dermatology',
  form: { condition: 'eczema', affectedArea: 'hands', severity: 'mild', treatment: 'emollient' },
};

/** Thrown by beforeOrdering: the transaction is endorsed and kept, but never sent. */
class OrdererLostIt extends Error {}

describe('repair of interrupted record writes (integration: real ledger and FerretDB)', function () {
  this.timeout(120_000);
  let gateway: App;
  before(async () => {
    gateway = await integrationApp();
  });
  after(() => gateway.close());

  it('commits a write whose hash reached the ledger and removes one that never did', async () => {
    const { app, services } = gateway;
    const patient = await personFor(app, services, 'patient', 'hospitala');
    const key = await services.dataKeys.keyOf(patient.id);

    // Two writes staged as pending; the gateway "crashes" after the ledger committed the
    // first one's hash, and before the second one reached the ledger.
    const staged = ['a', 'b'].map(() => {
      const upload = randomBytes(16).toString('hex');
      return { upload, ...sealContent(key, patient.id, upload, content) };
    });
    for (const s of staged) {
      await services.records.store.pending.insertOne({
        _id: s.upload,
        patientId: patient.id,
        category: 'dermatology',
        sealed: s.sealed,
        contentHash: s.contentHash,
        createdAt: new Date(),
        createdBy: patient.id,
      });
    }
    const committed = await services.ledger.as(patient.id, (ledger) =>
      ledger.records.createRecord({
        patientId: patient.id,
        category: 'dermatology',
        contentHash: staged[0]!.contentHash,
      }),
    );

    const report = await reconcilePending(
      services.records.store,
      services.ledger,
      services.auditor,
      pino({ level: 'silent' }),
    );
    expect(report).to.deep.equal({ committed: 1, rolledBack: 1, undecided: 0 });
    expect(
      await services.records.store.pending.countDocuments({ _id: staged[1]!.upload }),
    ).to.equal(0);

    const read = await patient.agent.get(`/api/records/${committed.recordId}`).expect(200);
    expect((read.body as { content: unknown }).content).to.deep.equal(content);
  });

  it('sends a kept transaction again: commits one an orderer lost, drops one the ledger refused', async () => {
    const { app, services } = gateway;
    const { store } = services.records;
    const patient = await personFor(app, services, 'patient', 'hospitala');
    const key = await services.dataKeys.keyOf(patient.id);
    const stage = async () => {
      const upload = randomBytes(16).toString('hex');
      const { sealed, contentHash } = sealContent(key, patient.id, upload, content);
      const staged = {
        _id: upload,
        patientId: patient.id,
        category: 'dermatology' as const,
        sealed,
        contentHash,
        createdAt: new Date(),
        createdBy: patient.id,
      };
      await store.pending.insertOne(staged);
      return staged;
    };
    /** Endorses the write and keeps its transaction with the staged version, sending nothing. */
    const endorseOnly = async (
      staged: Awaited<ReturnType<typeof stage>>,
      write: Parameters<typeof services.ledger.as>[1],
    ) => {
      const lost = await services.ledger
        .as(patient.id, write, async ({ transactionId, bytes }) => {
          await store.keepTransaction(staged, transactionId, bytes);
          throw new OrdererLostIt();
        })
        .catch((error: unknown) => error);
      expect(lost).to.be.instanceOf(OrdererLostIt);
    };

    // A record at version 1, and a new record whose transaction never reached the orderers.
    const record = await services.ledger.as(patient.id, (ledger) =>
      ledger.records.createRecord({
        patientId: patient.id,
        category: 'dermatology',
        contentHash: 'a'.repeat(64),
      }),
    );
    const created = await stage();
    await endorseOnly(created, (ledger) =>
      ledger.records.createRecord({
        patientId: patient.id,
        category: 'dermatology',
        contentHash: created.contentHash,
      }),
    );
    // An update of the first at version 1, endorsed, then overtaken by another update.
    const stale = await stage();
    await endorseOnly(stale, (ledger) =>
      ledger.records.updateRecord({
        recordId: record.recordId,
        category: 'dermatology',
        contentHash: stale.contentHash,
        expectedVersion: 1,
      }),
    );
    await services.ledger.as(patient.id, (ledger) =>
      ledger.records.updateRecord({
        recordId: record.recordId,
        category: 'dermatology',
        contentHash: 'b'.repeat(64),
        expectedVersion: 1,
      }),
    );

    const report = await reconcilePending(
      store,
      services.ledger,
      services.auditor,
      pino({ level: 'silent' }),
    );
    expect(report).to.deep.equal({ committed: 1, rolledBack: 1, undecided: 0 });
    expect(await store.pending.countDocuments({ _id: { $in: [created._id, stale._id] } })).to.equal(
      0,
    );
    const listing = await patient.agent.get(`/api/patients/${patient.id}/records`).expect(200);
    const ids = (listing.body as { items: { recordId: string }[] }).items.map((r) => r.recordId);
    expect(ids).to.have.length(2);
    const recovered = ids.find((id) => id !== record.recordId)!;
    const read = await patient.agent.get(`/api/records/${recovered}`).expect(200);
    expect((read.body as { content: unknown }).content).to.deep.equal(content);
  });
});

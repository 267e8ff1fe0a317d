import { randomBytes } from 'node:crypto';
import type { StoredContent } from '@patrec/contract';
import { expect } from 'chai';
import pino from 'pino';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor } from '../test-support/people.js';
import { sealContent } from './content-seal.js';
import { reconcilePending } from './reconciler.js';

type App = Awaited<ReturnType<typeof integrationApp>>;

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
    const content: StoredContent = {
      category: 'dermatology',
      form: {
        condition: 'eczema',
        affectedArea: 'hands',
        severity: 'mild',
        treatment: 'emollient',
      },
    };

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
    expect(report).to.deep.equal({ committed: 1, rolledBack: 1 });
    expect(
      await services.records.store.pending.countDocuments({ _id: staged[1]!.upload }),
    ).to.equal(0);

    const read = await patient.agent.get(`/api/records/${committed.recordId}`).expect(200);
    expect((read.body as { content: unknown }).content).to.deep.equal(content);
  });
});

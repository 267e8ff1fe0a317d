import type { AccessEntry, Page } from '@patrec/contract';
import { expect } from 'chai';
import pino from 'pino';
import type { Ledger } from '../ledger/ledger.js';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor } from '../test-support/people.js';
import { LedgerReads } from './ledger-reads.js';

type App = Awaited<ReturnType<typeof integrationApp>>;

/** Thrown where the gateway "dies": after the batch was kept and answered, before ordering. */
class GatewayDied extends Error {}

const dentistry = {
  category: 'dentistry',
  form: { teeth: [21], procedure: 'filling', findings: 'caries' },
};

describe('reads carried in batches (integration: real ledger and FerretDB)', function () {
  this.timeout(120_000);
  let gateway: App;
  before(async () => {
    gateway = await integrationApp();
  });
  after(() => gateway.close());

  const accessLog = async (patientId: string) => {
    const { services } = gateway;
    const page = await services.ledger.as(patientId, (ledger) =>
      ledger.access.listAccessLog({ patientId, pageSize: 100 }),
    );
    return (page as Page<AccessEntry>).items;
  };

  const patientWithRecord = async () => {
    const { app, services } = gateway;
    const patient = await personFor(app, services, 'patient', 'hospitala');
    const created = await patient
      .send('post', `/api/patients/${patient.id}/records`, dentistry)
      .expect(201);
    return { patient, recordId: (created.body as { recordId: string }).recordId };
  };

  it('logs every read of a batch on the ledger, each under its own reader', async () => {
    const { services } = gateway;
    const { patient, recordId } = await patientWithRecord();

    const reads = await Promise.all(
      [1, 2, 3].map(() => patient.agent.get(`/api/records/${recordId}`).expect(200)),
    );
    const accessIds = reads.map(
      (r) => (r.body as { access: { accessId: string } }).access.accessId,
    );
    expect(new Set(accessIds).size).to.equal(3);
    await services.reads.settled();
    const logged = (await accessLog(patient.id)).filter((e) => accessIds.includes(e.accessId));
    expect(logged.map((e) => e.accessorId)).to.deep.equal([patient.id, patient.id, patient.id]);
  });

  it('a read answered by a gateway that died before ordering its batch still reaches the ledger', async () => {
    const { services } = gateway;
    const { patient, recordId } = await patientWithRecord();

    const dying = Object.create(services.ledger) as Ledger;
    // Only the batch dies (registering the reader's key goes through as usual).
    dying.withIdentity = (identity, work, beforeOrdering) =>
      services.ledger.withIdentity(
        identity,
        work,
        beforeOrdering &&
          (async (prepared) => {
            await beforeOrdering(prepared);
            throw new GatewayDied();
          }),
      );
    const log = pino({ level: 'silent' });
    const reads = new LedgerReads(dying, services.auditor, services.reads.receipts, log);
    const { access } = await reads.accessRecord(patient.id, recordId);
    await reads.settled();
    expect((await accessLog(patient.id)).map((e) => e.accessId)).not.to.include(access.accessId);
    expect(await services.reads.receipts.receipts.countDocuments({ _id: access.txId })).to.equal(1);

    // The next gateway to start sends what the dead one kept.
    expect(await services.reads.resendReceipts(0)).to.be.greaterThan(0);
    const logged = (await accessLog(patient.id)).find((e) => e.accessId === access.accessId);
    expect(logged).to.include({ accessorId: patient.id, recordId, txId: access.txId });
    expect(await services.reads.receipts.receipts.countDocuments({ _id: access.txId })).to.equal(0);
  });
});

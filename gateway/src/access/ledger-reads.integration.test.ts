import type { AccessEntry, Page } from '@patrec/contract';
import { expect } from 'chai';
import pino from 'pino';
import type { Ledger } from '../ledger/ledger.js';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor } from '../test-support/people.js';
import { LedgerReads } from './ledger-reads.js';

type App = Awaited<ReturnType<typeof integrationApp>>;

const silent = pino({ level: 'silent' });

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

  /**
   * The app's ledger, with `then` run after the gateway's own beforeOrdering of each batch
   * (registering a reader's key has none and goes through as usual).
   */
  const ledgerThen = (then: () => Promise<void>): Ledger => {
    const { ledger } = gateway.services;
    const hooked = Object.create(ledger) as Ledger;
    hooked.withIdentity = (identity, work, beforeOrdering) =>
      ledger.withIdentity(
        identity,
        work,
        beforeOrdering &&
          (async (prepared) => {
            await beforeOrdering(prepared);
            await then();
          }),
      );
    return hooked;
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

    const dying = ledgerThen(() => Promise.reject(new GatewayDied()));
    const reads = new LedgerReads(dying, services.auditor, services.reads.receipts, silent);
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

  it('logs a read answered from a batch that a revocation then invalidated, under the grant that allowed it', async () => {
    const { app, services } = gateway;
    const { patient, recordId } = await patientWithRecord();
    const doctor = await personFor(app, services, 'doctor', 'hospitalb');
    const admin = await personFor(app, services, 'admin', 'hospitalb');
    await admin.send('post', `/api/doctors/${doctor.id}/verify`).expect(200);
    const share = await patient
      .send('post', '/api/consents/shares', {
        doctorId: doctor.id,
        scope: { all: true },
        permission: 'read',
        durationDays: 1,
      })
      .expect(201);
    const { consentId } = share.body as { consentId: string };

    // The batch is endorsed and its read answered; the patient revokes before it is ordered,
    // so the ledger invalidates it (MVCC) and, endorsed again, refuses the read.
    let revoked = false;
    const racing = ledgerThen(async () => {
      if (revoked) return;
      revoked = true;
      await patient.send('post', `/api/consents/${consentId}/revoke`).expect(200);
    });
    const reads = new LedgerReads(racing, services.auditor, services.reads.receipts, silent);
    const { access } = await reads.accessRecord(doctor.id, recordId);
    expect(access.consentId).to.equal(consentId);
    await reads.settled();
    expect(revoked).to.equal(true);

    const logged = (await accessLog(patient.id)).find((e) => e.accessId === access.accessId);
    expect(logged).to.include({ accessorId: doctor.id, recordId, consentId });
    // Asked afresh, the read is refused.
    const refusal = await reads.accessRecord(doctor.id, recordId).catch((error: unknown) => error);
    expect(refusal)
      .to.have.property('message')
      .that.matches(/revoked by the patient/);
  });
});

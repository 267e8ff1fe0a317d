import {
  CATEGORIES,
  type AccessLogEntry,
  type ConsentView,
  type Page,
  type PatientIdentity,
  type RecordRead,
  type RecordSummary,
} from '@patrec/contract';
import { expect } from 'chai';
import request from 'supertest';
import { freshTotp } from '../test-support/fresh-totp.js';
import { integrationApp } from '../test-support/integration-app.js';
import { seedDemoAccounts, type DemoLogin } from './demo-accounts.js';
import { demoEmergencyReason, seedDemoNetwork, type DemoNetworkSummary } from './demo-network.js';

type App = Awaited<ReturnType<typeof integrationApp>>;

/** Logs the demo person in over HTTP, as the web app does. */
async function loggedIn(gateway: App, login: DemoLogin) {
  const agent = request.agent(gateway.app);
  const totp = login.totpSecret ? await freshTotp(login.totpSecret, login.id) : undefined;
  await agent
    .post('/api/sessions')
    .send({ login: login.email, password: login.password, ...(totp ? { totp } : {}) })
    .expect(200);
  return agent;
}

const pageOf = <T>(response: request.Response) => response.body as Page<T>;

describe('the demo network npm start seeds (integration: real ledger and FerretDB)', function () {
  this.timeout(300_000);
  let gateway: App;
  let logins: DemoLogin[];
  let made: DemoNetworkSummary | undefined;
  const person = (email: string) => logins.find((login) => login.email === email)!;

  before(async () => {
    gateway = await integrationApp();
    logins = await seedDemoAccounts(gateway.services);
    made = await seedDemoNetwork(gateway.services, logins);
  });
  after(() => gateway.close());

  it('seeds 13 records, 4 consents and 5 reads', () => {
    expect(made).to.deep.equal({ records: 13, consents: 4, reads: 5 });
  });

  it('shows the demo patient a record of every form and a document, a request to answer, and an emergency in her history', async () => {
    const patient = person('patient@patrec.demo');
    const doctor = person('doctor@patrec.demo');
    const emergencyDoctor = person('doctor.a@patrec.demo');
    const agent = await loggedIn(gateway, patient);

    const records = pageOf<RecordSummary>(
      await agent.get(`/api/patients/${patient.id}/records`).expect(200),
    ).items;
    expect(records.map((record) => record.category)).to.have.members([...CATEGORIES]);
    for (const record of records) {
      // Each one opens: sealed, on the ledger, and within its form's limits.
      const read = (await agent.get(`/api/records/${record.recordId}`).expect(200))
        .body as RecordRead;
      expect(read.content.category).to.equal(record.category);
    }
    const general = records.find((record) => record.category === 'general-medicine')!;
    const generalRead = (await agent.get(`/api/records/${general.recordId}`).expect(200))
      .body as RecordRead;
    expect(generalRead.content.derived?.bmi).to.be.within(15, 40);

    const consents = pageOf<ConsentView>(await agent.get('/api/consents').expect(200)).items;
    expect(
      consents.map(({ doctorId, origin, status }) => ({ doctorId, origin, status })),
    ).to.have.deep.members([
      { doctorId: doctor.id, origin: 'request', status: 'PENDING' },
      { doctorId: emergencyDoctor.id, origin: 'emergency', status: 'GRANTED' },
    ]);
    const emergency = consents.find((consent) => consent.origin === 'emergency')!;
    const reason = await agent
      .get(`/api/consents/${emergency.consentId}/emergency-reason`)
      .expect(200);
    expect(reason.body).to.deep.include({ reason: demoEmergencyReason });

    const history = pageOf<AccessLogEntry>(
      await agent.get('/api/access-log').query({ accessorId: emergencyDoctor.id }).expect(200),
    ).items;
    expect(history).to.have.length(2);
    expect(history.every((entry) => entry.emergency && entry.outcome === 'success')).to.equal(true);
    expect(history[0]!.accessor).to.deep.include({ name: 'Omar Haddad' });
  });

  it("gives the demo doctor one patient's records under a grant, read, and a revoked share", async () => {
    const doctor = person('doctor@patrec.demo');
    const maria = person('maria.santos@patrec.demo');
    const aisha = person('aisha.rahman@patrec.demo');
    const agent = await loggedIn(gateway, doctor);

    const consents = pageOf<ConsentView>(await agent.get('/api/consents').expect(200)).items;
    const byPatient = (id: string) =>
      consents
        .filter((consent) => consent.patientId === id)
        .map(({ origin, effectiveStatus }) => ({ origin, effectiveStatus }));
    expect(byPatient(maria.id)).to.deep.equal([{ origin: 'request', effectiveStatus: 'GRANTED' }]);
    expect(byPatient(aisha.id)).to.deep.equal([{ origin: 'share', effectiveStatus: 'REVOKED' }]);

    const identity = (await agent.get(`/api/patients/${maria.id}/identity`).expect(200))
      .body as PatientIdentity;
    expect(identity).to.deep.include({ firstName: 'Maria', lastName: 'Santos', sex: 'female' });

    const reads = pageOf<AccessLogEntry>(await agent.get('/api/access-log').expect(200)).items;
    const readOf = (id: string) =>
      reads.filter((entry) => entry.patientId === id && entry.kind === 'record');
    expect(readOf(maria.id)).to.have.length(2);
    expect(readOf(aisha.id)).to.have.length(1);
    expect(reads.some((e) => e.patientId === maria.id && e.kind === 'directory')).to.equal(true);

    // The share is revoked for real: the record it covered is refused now.
    const [shared] = readOf(aisha.id);
    const refused = await agent.get(`/api/records/${shared!.recordId!}`).expect(403);
    expect((refused.body as { error: { details?: unknown } }).error.details).to.deep.include({
      reason: 'REVOKED',
    });
  });

  it('seeds nothing more on a later start, nor when only the marker is missing', async () => {
    const { services } = gateway;
    const patient = person('patient@patrec.demo');
    const countRecords = async () =>
      (
        await services.ledger.as(patient.id, (ledger) =>
          ledger.records.listRecords({ patientId: patient.id, pageSize: 100, bookmark: '' }),
        )
      ).items.length;
    const before = await countRecords();

    expect(await seedDemoNetwork(services, await seedDemoAccounts(services))).to.equal(undefined);

    // A start that stopped before writing its marker: the next one finds everything in place.
    await services.db.collection<{ _id: string }>('demoSeeds').deleteOne({ _id: 'demo-network' });
    expect(await seedDemoNetwork(services, logins)).to.deep.equal({
      records: 0,
      consents: 0,
      reads: 0,
    });
    expect(await countRecords()).to.equal(before);
  });
});

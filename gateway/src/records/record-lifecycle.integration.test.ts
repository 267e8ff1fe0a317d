import { expect } from 'chai';
import type request from 'supertest';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor, type Person } from '../test-support/people.js';

type App = Awaited<ReturnType<typeof integrationApp>>;
const errorOf = (r: request.Response) =>
  (r.body as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;

const dentistry = (procedure: string) => ({
  category: 'dentistry',
  form: { teeth: [16, 17], procedure, findings: 'caries on the distal surface' },
});

describe('record versions, deletion and grant expiry over HTTP (integration)', function () {
  this.timeout(180_000);
  let gateway: App;
  let patient: Person;
  let doctor: Person;

  before(async () => {
    gateway = await integrationApp();
    const { app, services } = gateway;
    patient = await personFor(app, services, 'patient', 'hospitala');
    doctor = await personFor(app, services, 'doctor', 'hospitala');
    const admin = await personFor(app, services, 'admin', 'hospitala');
    await admin.send('post', `/api/doctors/${doctor.id}/verify`).expect(200);
  });
  after(() => gateway.close());

  it('writes a new version, refuses a stale one with 409 and another category with 422', async () => {
    const created = await patient
      .send('post', `/api/patients/${patient.id}/records`, dentistry('filling'))
      .expect(201);
    const recordId = (created.body as { recordId: string }).recordId;

    const updated = await patient
      .send('put', `/api/records/${recordId}`, { expectedVersion: 1, content: dentistry('crown') })
      .expect(200);
    expect(updated.body).to.include({ recordId, version: 2 });
    const read = await patient.agent.get(`/api/records/${recordId}`).expect(200);
    expect(read.body).to.deep.include({ content: dentistry('crown') });

    const stale = await patient
      .send('put', `/api/records/${recordId}`, { expectedVersion: 1, content: dentistry('bridge') })
      .expect(409);
    expect(errorOf(stale).code).to.equal('CONFLICT');
    const other = await patient
      .send('put', `/api/records/${recordId}`, {
        expectedVersion: 2,
        content: {
          category: 'dermatology',
          form: { condition: 'x', affectedArea: 'y', severity: 'mild', treatment: '' },
        },
      })
      .expect(422);
    expect(errorOf(other).message).to.equal(`record ${recordId} is dentistry, not dermatology`);
    // Neither refusal left a stored version behind.
    expect(await gateway.services.records.store.versions.countDocuments({ recordId })).to.equal(2);
    expect(await gateway.services.records.store.pending.countDocuments({})).to.equal(0);
  });

  it('deletes a record: contents destroyed, the ledger keeps a tombstone', async () => {
    const created = await patient
      .send('post', `/api/patients/${patient.id}/records`, dentistry('extraction'))
      .expect(201);
    const recordId = (created.body as { recordId: string }).recordId;
    const refused = await doctor.send('delete', `/api/records/${recordId}`).expect(403);
    expect(errorOf(refused).details).to.deep.equal({ reason: 'ROLE' });

    await patient.send('delete', `/api/records/${recordId}`).expect(204);
    expect(await gateway.services.records.store.versions.countDocuments({ recordId })).to.equal(0);
    const gone = await patient.agent.get(`/api/records/${recordId}`).expect(404);
    expect(errorOf(gone).code).to.equal('NOT_FOUND');
    const history = await patient.agent.get(`/api/audit/records/${recordId}/history`).expect(200);
    expect(JSON.stringify(history.body)).to.contain('DELETED');
  });

  it('refuses a doctor once the grant has expired, saying so', async () => {
    const created = await patient
      .send('post', `/api/patients/${patient.id}/records`, dentistry('check-up'))
      .expect(201);
    const recordId = (created.body as { recordId: string }).recordId;
    // The API grants whole days; the ledger's shortest grant (60 s) keeps this test short.
    await gateway.services.ledger.as(patient.id, (ledger) =>
      ledger.consents.shareWith({
        doctorId: doctor.id,
        scope: { records: [recordId] },
        permission: 'read',
        durationSeconds: 60,
      }),
    );
    await doctor.agent.get(`/api/records/${recordId}`).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 62_000));
    const expired = await doctor.agent.get(`/api/records/${recordId}`).expect(403);
    expect(errorOf(expired)).to.deep.include({
      message: `${doctor.id}'s read grant covering ${recordId} has expired`,
      details: { reason: 'EXPIRED' },
    });
  });
});

import { expect } from 'chai';
import type request from 'supertest';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor, type Person } from '../test-support/people.js';

type App = Awaited<ReturnType<typeof integrationApp>>;

const form = {
  category: 'clinical-results',
  form: { testName: 'Ferritin', result: '12', unit: 'ng/mL', takenOn: '2026-11-01' },
};

/**
 * The consent columns of the authorization table: each endpoint whose answer depends on a
 * patient's consent, called by a verified doctor without a covering grant (403 with the
 * reason) and with one (success). The no-session and wrong-role columns for every endpoint
 * are in authorization-table.test.ts.
 */
describe('authorization table: consent-gated endpoints × without / with consent (integration)', function () {
  this.timeout(180_000);
  let gateway: App;
  let patient: Person;
  let doctor: Person;
  let recordId: string;

  before(async () => {
    gateway = await integrationApp();
    const { app, services } = gateway;
    patient = await personFor(app, services, 'patient', 'hospitala');
    doctor = await personFor(app, services, 'doctor', 'hospitalb');
    const admin = await personFor(app, services, 'admin', 'hospitalb');
    await admin.send('post', `/api/doctors/${doctor.id}/verify`).expect(200);
    const created = await patient
      .send('post', `/api/patients/${patient.id}/records`, form)
      .expect(201);
    recordId = (created.body as { recordId: string }).recordId;
  });
  after(() => gateway.close());

  const calls: { name: string; call: () => request.Test; withConsent: number }[] = [
    {
      name: 'GET /records/:recordId',
      call: () => doctor.agent.get(`/api/records/${recordId}`),
      withConsent: 200,
    },
    {
      name: 'PUT /records/:recordId',
      call: () =>
        doctor.send('put', `/api/records/${recordId}`, { expectedVersion: 1, content: form }),
      withConsent: 200,
    },
    {
      name: 'POST /patients/:patientId/records',
      call: () => doctor.send('post', `/api/patients/${patient.id}/records`, form),
      withConsent: 201,
    },
  ];

  for (const { name, call } of calls) {
    it(`${name}: 403 NO_CONSENT for a verified doctor without a grant`, async () => {
      const response = await call().expect(403);
      expect((response.body as { error: { details: unknown } }).error.details).to.deep.equal({
        reason: 'NO_CONSENT',
      });
    });
  }

  it('every consent-gated endpoint succeeds once the patient shares read-write access', async () => {
    await patient
      .send('post', '/api/consents/shares', {
        doctorId: doctor.id,
        scope: { categories: ['clinical-results'] },
        permission: 'read-write',
        durationDays: 1,
      })
      .expect(201);
    for (const { name, call, withConsent } of calls) {
      const response = await call();
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).to.equal(withConsent);
    }
  });
});

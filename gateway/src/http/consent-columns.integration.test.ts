import type { RecordContent } from '@patrec/contract';
import { expect } from 'chai';
import type request from 'supertest';
import { consentScene, type ConsentScene } from '../test-support/consent-scene.js';

const form = {
  category: 'clinical-results',
  form: { testName: 'Ferritin', result: '12', unit: 'ng/mL', takenOn: '2026-11-01' },
} satisfies RecordContent;

/**
 * The consent columns of the authorization table: each endpoint whose answer depends on a
 * patient's consent, called by a verified doctor without a covering grant (403 with the
 * reason) and with one (success). The no-session and wrong-role columns for every endpoint
 * are in authorization-table.test.ts.
 */
describe('authorization table: consent-gated endpoints × without / with consent (integration)', function () {
  this.timeout(180_000);

  let scene: ConsentScene;
  before(async () => {
    scene = await consentScene(form);
  });
  after(() => scene.gateway.close());

  const calls: { name: string; call: () => request.Test; withConsent: number }[] = [
    {
      name: 'GET /records/:recordId',
      call: () => scene.doctor.agent.get(`/api/records/${scene.recordId}`),
      withConsent: 200,
    },
    {
      name: 'PUT /records/:recordId',
      call: () =>
        scene.doctor.send('put', `/api/records/${scene.recordId}`, {
          expectedVersion: 1,
          content: form,
        }),
      withConsent: 200,
    },
    {
      name: 'POST /patients/:patientId/records',
      call: () => scene.doctor.send('post', `/api/patients/${scene.patient.id}/records`, form),
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
    const { patient, doctor } = scene;
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

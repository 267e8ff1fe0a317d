import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordContent } from '@patrec/contract';
import { expect } from 'chai';
import type { CommandStartedEvent, Document } from 'mongodb';
import request from 'supertest';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor } from '../test-support/people.js';

type App = Awaited<ReturnType<typeof integrationApp>>;

/** The filter each kind of command reads by; inserts and bookkeeping read nothing. */
function filtersOf(event: CommandStartedEvent): Document[] {
  const { command } = event;
  switch (event.commandName) {
    case 'find':
      return [command.filter as Document];
    case 'count':
    case 'findAndModify':
      return [command.query as Document];
    case 'update':
      return (command.updates as { q: Document }[]).map((u) => u.q);
    case 'delete':
      return (command.deletes as { q: Document }[]).map((d) => d.q);
    case 'aggregate':
    case 'distinct':
      return [{ unsupported: event.commandName }];
    default:
      return [];
  }
}

const form = {
  category: 'cardiac',
  form: { heartRate: 71, bloodPressure: '121/79', ecgFindings: 'sinus rhythm', chestPain: 'no' },
} satisfies RecordContent;

/** GET /api/events with Last-Event-ID: the replay of what a browser missed. */
async function reconnectEvents(gateway: App, cookie: string, lastEventId: number) {
  const server = gateway.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    const call = http.get({
      host: '127.0.0.1',
      port,
      path: '/api/events',
      headers: { cookie, 'last-event-id': String(lastEventId) },
    });
    call.once('response', (response) => {
      response.once('data', () => setTimeout(() => (call.destroy(), resolve()), 500));
    });
  });
  server.close();
}

/**
 * Every query the gateway runs while serving requests must be one the embedded store serves
 * from an index: FerretDB on SQLite pushes a filter down only when it is exactly
 * `{ _id: value }`, and reads the whole collection for anything else (RECORD-STORE.md). The
 * test drives the requests people make, records each command the driver sends, and asks the
 * store to explain each filter as a find (its explain of updates and deletes reports no
 * pushdown at all, though they take the same path).
 */
describe('the record store serves every request-path query from an index (integration)', function () {
  this.timeout(180_000);
  let gateway: App;
  const queries = new Map<string, { collection: string; filter: Document }>();

  before(async () => {
    gateway = await integrationApp({ monitorCommands: true });
    gateway.services.mongo.on('commandStarted', (event: CommandStartedEvent) => {
      const collection = String(event.command[event.commandName] ?? '');
      for (const filter of filtersOf(event)) {
        queries.set(`${event.commandName} ${collection} ${JSON.stringify(filter)}`, {
          collection,
          filter,
        });
      }
    });
  });
  after(() => gateway.close());

  it('finds no query that reads a whole collection', async function () {
    const { app, services } = gateway;
    // Sign-up and log-in over HTTP, by e-mail and by ID.
    const email = `indexed.${Date.now()}@example.org`;
    const password = 'a long enough password';
    const signedUp = await request(app)
      .post('/api/accounts/patients')
      .send({
        firstName: 'Ada',
        lastName: 'Byron',
        dateOfBirth: '1990-12-10',
        address: '1 Main Street',
        city: 'London',
        state: 'London',
        country: 'United Kingdom',
        email,
        password,
      })
      .expect(201);
    const patientId = (signedUp.body as { id: string }).id;
    await request(app).post('/api/sessions').send({ login: email, password }).expect(200);
    await request(app).post('/api/sessions').send({ login: patientId, password }).expect(200);
    // One's own account: a profile edit, a password change, new recovery codes, a reset.
    const self = request.agent(app);
    const selfLogin = await self.post('/api/sessions').send({ login: email, password }).expect(200);
    const selfCsrf = (selfLogin.body as { csrfToken: string }).csrfToken;
    await self
      .put('/api/me/contact-details')
      .set('X-CSRF-Token', selfCsrf)
      .send({ address: '2 Main Street', city: 'York', state: 'Yorkshire', country: 'UK' })
      .expect(200);
    const changedPassword = 'another long password';
    await self
      .put('/api/me/password')
      .set('X-CSRF-Token', selfCsrf)
      .send({ currentPassword: password, newPassword: changedPassword })
      .expect(200);
    const newCodes = await self
      .post('/api/me/recovery-codes')
      .set('X-CSRF-Token', selfCsrf)
      .send({ password: changedPassword })
      .expect(201);
    await request(app)
      .post('/api/accounts/password-resets')
      .send({
        login: email,
        recoveryCode: (newCodes.body as { codes: string[] }).codes[0],
        newPassword: password,
      })
      .expect(200);

    const patient = await personFor(app, services, 'patient', 'hospitala');
    const doctor = await personFor(app, services, 'doctor', 'hospitalb');
    const admin = await personFor(app, services, 'admin', 'hospitalb');
    const auditor = await personFor(app, services, 'auditor', 'hospitala');
    await admin.send('post', `/api/doctors/${doctor.id}/verify`).expect(200);
    await admin.agent.get('/api/doctors').expect(200);

    // Records: write, read, update, list, versions; consents: share, read, request, decide.
    const created = await patient
      .send('post', `/api/patients/${patient.id}/records`, form)
      .expect(201);
    const recordId = (created.body as { recordId: string }).recordId;
    // A write under an Idempotency-Key, and its retry.
    const writeKey = `indexed-${Date.now()}`;
    for (let i = 0; i < 2; i += 1) {
      await patient
        .send('post', `/api/patients/${patient.id}/records`, form)
        .set('Idempotency-Key', writeKey)
        .expect(201);
    }
    await patient.agent.get(`/api/records/${recordId}`).expect(200);
    await patient
      .send('put', `/api/records/${recordId}`, { expectedVersion: 1, content: form })
      .expect(200);
    await patient.agent.get(`/api/records/${recordId}/versions/1`).expect(200);
    await patient.agent.get(`/api/patients/${patient.id}/records`).expect(200);
    const shared = await patient
      .send('post', '/api/consents/shares', {
        doctorId: doctor.id,
        scope: { all: true },
        permission: 'read',
        durationDays: 1,
      })
      .expect(201);
    await doctor.agent.get(`/api/patients/${patient.id}/records`).expect(200);
    await doctor.agent.get(`/api/records/${recordId}`).expect(200);
    await doctor.agent.get(`/api/doctors/${doctor.id}`).expect(200);
    await patient.agent.get('/api/access-log').expect(200);
    await patient.agent.get('/api/consents').expect(200);
    await patient
      .send('post', `/api/consents/${(shared.body as { consentId: string }).consentId}/revoke`)
      .expect(200);
    const emergency = await doctor
      .send('post', '/api/emergency-access', {
        patientId: patient.id,
        reason: 'Brought in unconscious; needs the cardiac history now',
      })
      .expect(201);
    const consentId = (emergency.body as { consentId: string }).consentId;
    await patient.agent.get(`/api/consents/${consentId}/emergency-reason`).expect(200);
    await auditor.agent.get(`/api/audit/records/${recordId}/history`).expect(200);
    await auditor.agent.get('/api/me').expect(200);
    const sweep = await auditor.send('post', '/api/audit/integrity-sweeps').expect(202);
    await services.sweeps.settled();
    const { sweepId } = sweep.body as { sweepId: string };
    await auditor.agent.get(`/api/audit/integrity-sweeps/${sweepId}`).expect(200);
    const alerts = await auditor.agent.get('/api/audit/integrity-alerts?pageSize=1').expect(200);
    const { bookmark } = alerts.body as { bookmark: string };
    if (bookmark) {
      await auditor.agent.get(`/api/audit/integrity-alerts?bookmark=${bookmark}`).expect(200);
    }
    // A browser reconnecting after an event it saw (the listener is not running here).
    const seen = { seq: 1, name: 'AccessShared', ids: {}, txId: 'tx', blockNumber: 0 } as const;
    await services.events.addAll([seen], undefined);
    await reconnectEvents(gateway, patient.cookie, seen.seq);
    await patient.send('delete', `/api/records/${recordId}`).expect(204);
    await patient.send('delete', '/api/sessions/current').expect(204);

    if (process.env.PATREC_LIST_QUERIES) console.log([...queries.keys()].join('\n'));
    const scans: string[] = [];
    for (const [name, { collection, filter }] of queries) {
      const plan = await services.db.command({ explain: { find: collection, filter } });
      if (plan.filterPushdown !== true) scans.push(name);
    }
    expect(queries.size, 'queries recorded').to.be.greaterThan(20);
    expect(scans).to.deep.equal([]);
  });
});

import { expect } from 'chai';
import type request from 'supertest';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor, type Person } from '../test-support/people.js';

type App = Awaited<ReturnType<typeof integrationApp>>;
/** A page of GET /patients/:patientId/records; a doctor's names the look-up it was. */
type Listing = {
  items: { recordId: string; status?: string }[];
  bookmark: string;
  accessId?: string;
};
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

  it('tells those who may not write a record nothing about it: not whether it exists, nor its category or version', async () => {
    const created = await patient
      .send('post', `/api/patients/${patient.id}/records`, dentistry('inlay'))
      .expect(201);
    const recordId = (created.body as { recordId: string }).recordId;
    const dermatology = {
      category: 'dermatology',
      form: { condition: 'x', affectedArea: 'y', severity: 'mild', treatment: '' },
    };
    const attempt = (who: Person, target: string, expectedVersion: number) =>
      who.send('put', `/api/records/${target}`, { expectedVersion, content: dermatology });

    const intruder = await personFor(gateway.app, gateway.services, 'patient', 'hospitala');
    const answers = [
      await attempt(intruder, recordId, 1),
      await attempt(intruder, recordId, 7),
      await attempt(intruder, `${patient.id}REC999`, 1),
      await attempt(intruder, 'PAT999999REC0', 1),
    ];
    for (const answer of answers) {
      expect([answer.status, errorOf(answer).details]).to.deep.equal([
        403,
        { reason: 'NOT_YOURS' },
      ]);
      expect(errorOf(answer).message).to.match(/may not write the records of PAT\d+$/);
    }
    // A verified doctor without a grant is refused for the grant, not told the category.
    const unconsented = await attempt(doctor, recordId, 1);
    expect([unconsented.status, errorOf(unconsented).details]).to.deep.equal([
      403,
      { reason: 'NO_CONSENT' },
    ]);
    expect(errorOf(unconsented).message).not.to.contain('dentistry');

    const { store } = gateway.services.records;
    expect(await store.versions.countDocuments({ recordId })).to.equal(1);
    expect(await store.pending.countDocuments({})).to.equal(0);
  });

  it('makes a write sent twice with one Idempotency-Key once, and refuses the key for another', async () => {
    const { app, services } = gateway;
    const writer = await personFor(app, services, 'patient', 'hospitala');
    const path = `/api/patients/${writer.id}/records`;
    const key = `retry-${Date.now()}`;
    const first = await writer.send('post', path, dentistry('sealant')).set('Idempotency-Key', key);
    expect(first.status).to.equal(201);
    const again = await writer.send('post', path, dentistry('sealant')).set('Idempotency-Key', key);
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    const listed = await writer.agent.get(path).expect(200);
    expect((listed.body as Listing).items.map((r) => r.recordId)).to.deep.equal([
      (first.body as { recordId: string }).recordId,
    ]);

    const reused = await writer.send('post', path, dentistry('crown')).set('Idempotency-Key', key);
    expect([reused.status, errorOf(reused).message]).to.deep.equal([
      422,
      'this Idempotency-Key was used for a different request',
    ]);
    const malformed = await writer
      .send('post', path, dentistry('crown'))
      .set('Idempotency-Key', 'has spaces in it');
    expect([malformed.status, errorOf(malformed).message]).to.deep.equal([
      400,
      'Idempotency-Key must be 1 to 255 visible ASCII characters',
    ]);
    const after = await writer.agent.get(path).expect(200);
    expect((after.body as Listing).items).to.have.length(1);
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

  it('follows bookmarks to every record, for the patient, an auditor and a doctor', async () => {
    const { app, services } = gateway;
    const owner = await personFor(app, services, 'patient', 'hospitala');
    const auditor = await personFor(app, services, 'auditor', 'hospitala');
    const created: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      const record = await owner
        .send('post', `/api/patients/${owner.id}/records`, dentistry(`visit ${n}`))
        .expect(201);
      created.push((record.body as { recordId: string }).recordId);
    }
    await owner.send('delete', `/api/records/${created[4]}`).expect(204);

    const follow = async (reader: Person) => {
      const pages: Listing[] = [];
      let bookmark = '';
      do {
        const page = await reader.agent
          .get(`/api/patients/${owner.id}/records`)
          .query(bookmark ? { pageSize: 2, bookmark } : { pageSize: 2 })
          .expect(200);
        pages.push(page.body as Listing);
        bookmark = (page.body as Listing).bookmark;
      } while (bookmark && pages.length < 10);
      return pages;
    };
    const ids = (pages: Listing[]) => pages.map((page) => page.items.map((r) => r.recordId));

    // The owner's list keeps the deleted record (as DELETED); the doctor's directory does not.
    const own = await follow(owner);
    expect(ids(own)).to.deep.equal([created.slice(0, 2), created.slice(2, 4), created.slice(4)]);
    expect(own[2]?.items[0]?.status).to.equal('DELETED');
    expect(ids(await follow(auditor))).to.deep.equal(ids(own));
    const looked = await follow(doctor);
    expect(ids(looked)).to.deep.equal([created.slice(0, 2), created.slice(2, 4), []]);

    // Every page the doctor saw is a look-up of its own in the patient's access log.
    const log = await owner.agent.get('/api/access-log').query({ pageSize: 100 }).expect(200);
    const lookUps = (log.body as { items: { accessId: string; kind: string }[] }).items
      .filter((entry) => entry.kind === 'directory')
      .map((entry) => entry.accessId);
    // The log lists them newest first.
    expect(lookUps).to.deep.equal(looked.map((page) => page.accessId).reverse());
  });

  it("refuses a bookmark from another list with 400 and the ledger's words", async () => {
    const { app, services } = gateway;
    const owner = await personFor(app, services, 'patient', 'hospitala');
    const other = await personFor(app, services, 'patient', 'hospitala');
    for (let n = 0; n < 2; n += 1) {
      await other
        .send('post', `/api/patients/${other.id}/records`, dentistry(`visit ${n}`))
        .expect(201);
    }
    const page = await other.agent
      .get(`/api/patients/${other.id}/records`)
      .query({ pageSize: 1 })
      .expect(200);
    const foreign = (page.body as Listing).bookmark;
    expect(foreign).to.not.equal('');

    for (const reader of [owner, doctor]) {
      const refused = await reader.agent
        .get(`/api/patients/${owner.id}/records`)
        .query({ pageSize: 1, bookmark: foreign })
        .expect(400);
      expect(errorOf(refused)).to.deep.equal({
        code: 'INVALID_ARGUMENT',
        message: 'bookmark does not belong to this query',
      });
    }
    // The doctor's refused look-up was never logged.
    const log = await owner.agent.get('/api/access-log').expect(200);
    expect((log.body as { items: unknown[] }).items).to.deep.equal([]);
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

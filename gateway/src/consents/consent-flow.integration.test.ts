import type { RecordContent } from '@patrec/contract';
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type request from 'supertest';
import { consentScene, type ConsentScene } from '../test-support/consent-scene.js';
import { personFor } from '../test-support/people.js';
import { versionKey } from '../records/record-contents.js';
import { openEventStream } from '../test-support/event-stream.js';

const errorOf = (r: request.Response) =>
  (r.body as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;

const cardiacForm = {
  category: 'cardiac',
  form: {
    heartRate: 118,
    bloodPressure: '135/85',
    ecgFindings: 'atrial fibrillation',
    chestPain: 'no',
  },
} satisfies RecordContent;

describe('records and consent over HTTP (integration: real ledger and FerretDB)', function () {
  this.timeout(180_000);
  let swappedRecordId: string;

  let scene: ConsentScene;
  before(async () => {
    scene = await consentScene(
      cardiacForm,
      { firstName: 'Iris', lastName: 'Okafor', specialty: 'Cardiology' },
      { firstName: 'Amara', lastName: 'Nwosu', dateOfBirth: '1984-07-19', sex: 'female' },
    );
    scene.gateway.services.listener.start();
  });
  after(() => scene.gateway.close());

  it('lets the patient read their own record, decrypted and verified', async () => {
    const { patient, recordId } = scene;
    const read = await patient.agent.get(`/api/records/${recordId}`).expect(200);
    expect(read.body).to.deep.include({ content: cardiacForm });
    expect((read.body as { record: unknown }).record).to.deep.include({
      recordId,
      version: 1,
      category: 'cardiac',
    });
  });

  it('runs request → grant → read → revoke → refused, with every read and refused attempt in the access log', async () => {
    const { patient, doctor, recordId } = scene;
    const before = await doctor.agent.get(`/api/records/${recordId}`).expect(403);
    expect(errorOf(before).details).to.deep.equal({ reason: 'NO_CONSENT' });
    const identity = () => doctor.agent.get(`/api/patients/${patient.id}/identity`);
    const unknown = await identity().expect(403);
    expect(errorOf(unknown)).to.deep.equal({
      code: 'FORBIDDEN',
      message: `${patient.id}'s name, birth date and sex are shown to doctors they granted access; until then, only the patient ID`,
      details: { reason: 'NO_CONSENT' },
    });

    const directory = await doctor.agent.get(`/api/patients/${patient.id}/records`).expect(200);
    type Directory = { accessId: string; items: { recordId: string }[]; bookmark: string };
    const { accessId, items, bookmark } = directory.body as Directory;
    expect(items.map((r) => r.recordId)).to.include(recordId);
    expect([accessId.startsWith('ACC'), bookmark]).to.deep.equal([true, '']);

    const requested = await doctor
      .send('post', '/api/consents/requests', {
        patientId: patient.id,
        scope: { records: [recordId] },
        permission: 'read',
        purpose: 'treatment',
        durationDays: 7,
      })
      .expect(201);
    const consentId = (requested.body as { consentId: string }).consentId;
    const mine = await patient.agent.get('/api/consents').expect(200);
    const pending = (mine.body as { items: { consentId: string; status: string }[] }).items.find(
      (c) => c.consentId === consentId,
    );
    expect(pending?.status).to.equal('PENDING');

    await patient.send('post', `/api/consents/${consentId}/grant`, {}).expect(200);
    const known = await identity().expect(200);
    expect(known.body).to.deep.equal({
      patientId: patient.id,
      firstName: 'Amara',
      lastName: 'Nwosu',
      dateOfBirth: '1984-07-19',
      sex: 'female',
      consentId,
    });
    const read = await doctor.agent.get(`/api/records/${recordId}`).expect(200);
    expect(read.body).to.deep.include({ content: cardiacForm });
    expect((read.body as { access: unknown }).access).to.deep.include({
      consentId,
      emergency: false,
    });

    // A read is answered once its batch is endorsed and kept; it is on the ledger, in the
    // patient's history, within about a second (README, reads in batches).
    type Entry = {
      accessorId: string;
      consentId: string | null;
      outcome: string;
      refusal: string | null;
      accessor: { name: string | null };
    };
    const historyOnceItHolds = async (count: number) => {
      for (const end = Date.now() + 2_000; ;) {
        const log = await patient.agent.get(`/api/access-log?recordId=${recordId}`).expect(200);
        const entries = (log.body as { items: Entry[] }).items.filter(
          (e) => e.accessorId === doctor.id,
        );
        if (entries.length >= count || Date.now() > end) return entries;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const doctorsRead = (await historyOnceItHolds(2)).map((e) => [
      e.consentId,
      e.outcome,
      e.refusal,
      e.accessor.name,
    ]);
    expect(doctorsRead).to.have.deep.members([
      [null, 'minor-failure', 'NO_CONSENT', 'Iris Okafor'],
      [consentId, 'success', null, 'Iris Okafor'],
    ]);

    await patient.send('post', `/api/consents/${consentId}/revoke`).expect(200);
    const after = await doctor.agent.get(`/api/records/${recordId}`).expect(403);
    expect(errorOf(after)).to.deep.include({
      message: `${doctor.id}'s read grant covering ${recordId} was revoked by the patient`,
      details: { reason: 'REVOKED' },
    });
    await identity().expect(403);
    const refusals = (await historyOnceItHolds(3)).map((e) => e.refusal);
    expect(refusals, 'the refused attempt after the revocation').to.include('REVOKED');
  });

  it('tells the patient live (Server-Sent Events) when a doctor asks, and names the doctor', async () => {
    const { gateway, patient, doctor } = scene;
    const events = await openEventStream(gateway.app, patient);
    try {
      expect([events.status, events.contentType]).to.deep.equal([200, 'text/event-stream']);
      const requested = await doctor
        .send('post', '/api/consents/requests', {
          patientId: patient.id,
          scope: { all: true },
          permission: 'read',
          purpose: 'follow-up',
          durationDays: 1,
        })
        .expect(201);
      const consentId = (requested.body as { consentId: string }).consentId;
      const event = await events.next(
        (e) => e.name === 'AccessRequested' && e.data.ids.consentId === consentId,
      );
      expect(event.data.ids).to.include({ patientId: patient.id, doctorId: doctor.id });
      await patient.send('post', `/api/consents/${consentId}/reject`).expect(200);
    } finally {
      events.close();
    }
    const card = await patient.agent.get(`/api/doctors/${doctor.id}`).expect(200);
    expect(card.body).to.include({
      id: doctor.id,
      name: 'Iris Okafor',
      specialty: 'Cardiology',
      hospital: 'hospitalb',
    });
  });

  it('refuses a read outside the category the patient shared', async () => {
    const { patient, doctor } = scene;
    await patient
      .send('post', '/api/consents/shares', {
        doctorId: doctor.id,
        scope: { categories: ['dermatology'] },
        permission: 'read',
        durationDays: 1,
      })
      .expect(201);
    // A new cardiac record: no grant, revoked or otherwise, ever covered it.
    const created = await patient
      .send('post', `/api/patients/${patient.id}/records`, cardiacForm)
      .expect(201);
    const cardiac = (created.body as { recordId: string }).recordId;
    const refused = await doctor.agent.get(`/api/records/${cardiac}`).expect(403);
    expect(errorOf(refused)).to.deep.include({
      message: `${doctor.id} holds no active read grant covering ${cardiac}`,
      details: { reason: 'NO_CONSENT' },
    });
  });

  it('refuses with 409 a stored ciphertext altered in the database, and alerts auditors', async () => {
    const { gateway, patient, recordId } = scene;
    const contents = gateway.services.records.store.versions;
    const stored = await contents.findOne({ _id: versionKey(recordId, 1) });
    const bytes = Buffer.from((stored!.sealed.ciphertext as { buffer: Uint8Array }).buffer);
    bytes[0] = bytes[0]! ^ 0xff;
    await contents.updateOne({ _id: stored!._id }, { $set: { 'sealed.ciphertext': bytes } });

    const refused = await patient.agent.get(`/api/records/${recordId}`).expect(409);
    expect(errorOf(refused)).to.deep.include({
      code: 'INTEGRITY',
      details: { problem: 'hash-mismatch' },
    });
    const alerts = await gateway.services.records.store.alerts.page(100, '');
    const raised = alerts.items.filter((alert) => alert.recordId === recordId);
    expect(raised.map((a) => a.problem)).to.deep.equal(['hash-mismatch']);
  });

  it("refuses with 409 a record document swapped for another patient's", async () => {
    const { gateway, patient } = scene;
    const { app, services } = gateway;
    const other = await personFor(app, services, 'patient', 'hospitala');
    const created = await other
      .send('post', `/api/patients/${other.id}/records`, cardiacForm)
      .expect(201);
    const otherRecord = (created.body as { recordId: string }).recordId;
    const fresh = await patient
      .send('post', `/api/patients/${patient.id}/records`, cardiacForm)
      .expect(201);
    const mineId = (fresh.body as { recordId: string }).recordId;
    swappedRecordId = mineId;

    const contents = services.records.store.versions;
    const theirs = await contents.findOne({ _id: versionKey(otherRecord, 1) });
    await contents.updateOne(
      { _id: versionKey(mineId, 1) },
      { $set: { sealed: theirs!.sealed, contentHash: theirs!.contentHash } },
    );
    const refused = await patient.agent.get(`/api/records/${mineId}`).expect(409);
    expect(errorOf(refused).code).to.equal('INTEGRITY');
  });

  it('lets an auditor sweep every record on the ledger in the background and see each failure as an alert', async () => {
    const { gateway, recordId } = scene;
    const auditor = await personFor(gateway.app, gateway.services, 'auditor', 'hospitala');
    const started = await auditor.send('post', '/api/audit/integrity-sweeps').expect(202);
    const { sweepId, state } = started.body as { sweepId: string; state: string };
    expect(state).to.equal('running');
    await gateway.services.sweeps.settled();

    const done = await auditor.agent.get(`/api/audit/integrity-sweeps/${sweepId}`).expect(200);
    const sweep = done.body as { state: string; checked: number; failed: number };
    expect(sweep.state).to.equal('finished');
    expect(sweep.checked).to.be.at.least(3);
    expect(sweep.failed).to.be.at.least(2);
    // Its alerts are the newest, one per failed record: the two tampered here among them.
    const raised: { recordId: string; detectedBy: string }[] = [];
    let bookmark = '';
    do {
      const alerts = await auditor.agent
        .get(`/api/audit/integrity-alerts?pageSize=100&bookmark=${bookmark}`)
        .expect(200);
      const page = alerts.body as { items: typeof raised; bookmark: string };
      raised.push(...page.items);
      bookmark = page.bookmark;
    } while (bookmark && raised.length < sweep.failed);
    const fromSweep = raised.slice(0, sweep.failed);
    expect(fromSweep.every((alert) => alert.detectedBy === auditor.id)).to.equal(true);
    expect(fromSweep.map((alert) => alert.recordId)).to.include.members([
      recordId,
      swappedRecordId,
    ]);
    const history = await auditor.agent.get(`/api/audit/records/${recordId}/history`).expect(200);
    expect(JSON.stringify(history.body)).to.contain(recordId);
  });

  it('answers 400 for an alerts bookmark it did not hand out and 404 for an unknown sweep', async () => {
    const { gateway } = scene;
    const auditor = await personFor(gateway.app, gateway.services, 'auditor', 'hospitala');
    const forged = await auditor.agent.get('/api/audit/integrity-alerts?bookmark=abc').expect(400);
    expect(errorOf(forged).message).to.equal('bookmark is not one this list returned');
    const unknown = await auditor.agent
      .get('/api/audit/integrity-sweeps/SWP0123456789abcdef')
      .expect(404);
    expect(errorOf(unknown).message).to.equal('no integrity sweep SWP0123456789abcdef');
    const patient = scene.patient;
    const refused = await patient.send('post', '/api/audit/integrity-sweeps').expect(403);
    expect(errorOf(refused).code).to.equal('FORBIDDEN');
  });

  it('grants emergency access with the reason sealed off-chain and only its hash on the ledger', async () => {
    const { gateway, patient, doctor, admin } = scene;
    const reason = 'Found unresponsive in the waiting room; needs her cardiac history now';
    // The admins of the doctor's hospital are told at once; those of the patient's are not.
    const doctorsAdmin = await openEventStream(gateway.app, admin);
    const patientsAdmin = await openEventStream(
      gateway.app,
      await personFor(gateway.app, gateway.services, 'admin', 'hospitala'),
    );
    const granted = await doctor
      .send('post', '/api/emergency-access', { patientId: patient.id, reason })
      .expect(201);
    try {
      const told = await doctorsAdmin.next((e) => e.name === 'EmergencyAccessGranted');
      expect(told.data.ids).to.include({ doctorId: doctor.id, patientId: patient.id });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(patientsAdmin.received.map((e) => e.name)).not.to.include('EmergencyAccessGranted');
    } finally {
      doctorsAdmin.close();
      patientsAdmin.close();
    }
    const consent = granted.body as {
      consentId: string;
      origin: string;
      reasonHash: string;
      crossHospital: boolean;
    };
    expect(consent.origin).to.equal('emergency');
    // The doctor is of HospitalB, the patient of HospitalA: marked for the patient and auditors.
    expect(consent.crossHospital).to.equal(true);
    expect(consent.reasonHash).to.equal(createHash('sha256').update(reason).digest('hex'));

    const stored = await gateway.services.consents.reasons.of(consent.consentId);
    expect(stored?.reasonHash).to.equal(consent.reasonHash);
    expect(JSON.stringify(stored)).to.not.contain('unresponsive');

    const told = await patient.agent
      .get(`/api/consents/${consent.consentId}/emergency-reason`)
      .expect(200);
    expect(told.body).to.include({ consentId: consent.consentId, doctorId: doctor.id, reason });
    const notTheirs = await doctor.agent
      .get(`/api/consents/${consent.consentId}/emergency-reason`)
      .expect(403);
    expect((notTheirs.body as { error: { details: unknown } }).error.details).to.deep.equal({
      reason: 'ROLE',
    });

    const fresh = await patient
      .send('post', `/api/patients/${patient.id}/records`, cardiacForm)
      .expect(201);
    const read = await doctor.agent
      .get(`/api/records/${(fresh.body as { recordId: string }).recordId}`)
      .expect(200);
    expect((read.body as { access: unknown }).access).to.deep.include({
      consentId: consent.consentId,
      emergency: true,
    });
  });

  it("lists an auditor a patient's, a doctor's and the pair's consents, and every emergency grant; others are refused", async () => {
    const { gateway, patient, doctor } = scene;
    const auditor = await personFor(gateway.app, gateway.services, 'auditor', 'hospitala');
    type Listed = {
      items: { consentId: string; patientId: string; doctorId: string; origin: string }[];
    };
    const list = async (path: string) => (await auditor.agent.get(path).expect(200)).body as Listed;

    const byPatient = await list(`/api/audit/consents?patientId=${patient.id}&pageSize=100`);
    expect(byPatient.items.length).to.be.at.least(2);
    expect(byPatient.items.every((c) => c.patientId === patient.id)).to.equal(true);
    const byDoctor = await list(`/api/audit/consents?doctorId=${doctor.id}&pageSize=100`);
    expect(byDoctor.items.every((c) => c.doctorId === doctor.id)).to.equal(true);
    const pair = await list(`/api/audit/consents?patientId=${patient.id}&doctorId=${doctor.id}`);
    expect(pair.items.map((c) => c.consentId)).to.have.members(
      byPatient.items.filter((c) => c.doctorId === doctor.id).map((c) => c.consentId),
    );

    // The emergency of the test before is among every emergency grant on the network.
    const emergency = byPatient.items.find((c) => c.origin === 'emergency');
    expect(emergency, 'the emergency grant').to.not.equal(undefined);
    let bookmark = '';
    const emergencies: string[] = [];
    do {
      const page = (
        await auditor.agent
          .get(`/api/audit/emergency-grants?pageSize=100&bookmark=${encodeURIComponent(bookmark)}`)
          .expect(200)
      ).body as Listed & { bookmark: string };
      expect(page.items.every((c) => c.origin === 'emergency')).to.equal(true);
      emergencies.push(...page.items.map((c) => c.consentId));
      bookmark = page.bookmark;
    } while (bookmark);
    expect(emergencies).to.include(emergency!.consentId);

    const neither = await auditor.agent.get('/api/audit/consents').expect(400);
    expect(errorOf(neither).details?.fields).to.deep.equal([
      { field: 'query.patientId', message: 'Enter a patient ID, a doctor ID or both.' },
    ]);
    const notAuditor = await doctor.agent
      .get(`/api/audit/consents?doctorId=${doctor.id}`)
      .expect(403);
    expect(errorOf(notAuditor).code).to.equal('FORBIDDEN');
  });
});

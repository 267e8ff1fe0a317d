import type { AccessEntry, ListedDirectoryEntry, ListedRecord, RecordRead } from '@patrec/contract';
import { expect } from 'chai';
import type request from 'supertest';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor, type Person } from '../test-support/people.js';
import { versionKey } from './record-contents.js';

type App = Awaited<ReturnType<typeof integrationApp>>;
const errorOf = (r: request.Response) =>
  (r.body as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;
const itemsOf = <T>(r: request.Response) => (r.body as { items: T[] }).items;
const titles = (r: request.Response) =>
  Object.fromEntries(itemsOf<ListedRecord>(r).map((item) => [item.recordId, item.title]));

const document = (fileName: string, text: string, title?: string) => ({
  category: 'document',
  ...(title === undefined ? {} : { title }),
  document: {
    fileName,
    contentType: 'text/plain',
    dataBase64: Buffer.from(text).toString('base64'),
  },
});
const clinicalResult = {
  category: 'clinical-results',
  form: { testName: 'HbA1c', result: '5.4', unit: '%', takenOn: '2024-03-01' },
};

describe('record titles and earlier versions over HTTP (integration)', function () {
  this.timeout(180_000);
  let gateway: App;
  let patient: Person;
  let doctor: Person;
  let auditor: Person;

  const create = async (owner: Person, content: object) => {
    const created = await owner
      .send('post', `/api/patients/${owner.id}/records`, content)
      .expect(201);
    return (created.body as { recordId: string }).recordId;
  };
  const share = async (recordIds: string[]) => {
    const consent = await patient
      .send('post', '/api/consents/shares', {
        doctorId: doctor.id,
        scope: { records: recordIds },
        permission: 'read',
        durationDays: 1,
      })
      .expect(201);
    return (consent.body as { consentId: string }).consentId;
  };

  before(async () => {
    gateway = await integrationApp();
    const { app, services } = gateway;
    patient = await personFor(app, services, 'patient', 'hospitala');
    doctor = await personFor(app, services, 'doctor', 'hospitala');
    auditor = await personFor(app, services, 'auditor', 'hospitala');
    const admin = await personFor(app, services, 'admin', 'hospitala');
    await admin.send('post', `/api/doctors/${doctor.id}/verify`).expect(200);
  });
  after(() => gateway.close());

  it('lists each record by its title, entered or derived, sealed off the ledger', async () => {
    const letter = await create(
      patient,
      document('scan-0041.txt', 'Discharged home.', 'Discharge letter, March'),
    );
    const knee = await create(patient, document('mri-knee.txt', 'No tear.'));
    const hba1c = await create(patient, clinicalResult);

    const listed = await patient.agent.get(`/api/patients/${patient.id}/records`).expect(200);
    expect(titles(listed)).to.deep.equal({
      [letter]: 'Discharge letter, March',
      [knee]: 'mri-knee.txt',
      [hba1c]: 'HbA1c: 5.4 %',
    });
    const read = await patient.agent.get(`/api/records/${letter}`).expect(200);
    expect((read.body as RecordRead).title).to.equal('Discharge letter, March');

    // Sealed in the store, and nowhere on the ledger.
    const sealed = await gateway.services.records.store.titles.findOne({
      _id: versionKey(letter, 1),
    });
    expect(sealed, 'the sealed title').to.not.equal(null);
    expect(JSON.stringify(sealed)).to.not.contain('Discharge');
    const history = await patient.agent.get(`/api/audit/records/${letter}/history`).expect(200);
    expect(JSON.stringify(history.body)).to.not.contain('Discharge');
  });

  it('makes titles once, at start-up, for versions stored before titles were', async () => {
    const { records } = gateway.services;
    const recordId = await create(patient, document('old-scan.txt', 'stored long ago'));
    // As a version stored before titles: its sealed title is not there.
    await records.store.titles.deleteOne({ _id: versionKey(recordId, 1) });
    const before = await patient.agent.get(`/api/patients/${patient.id}/records`).expect(200);
    expect(titles(before)[recordId]).to.equal(null);

    expect(await records.migrateTitles()).to.equal(1);
    const after = await patient.agent.get(`/api/patients/${patient.id}/records`).expect(200);
    expect(titles(after)[recordId]).to.equal('old-scan.txt');
    // Once per database: a second start reads nothing again.
    await records.store.titles.deleteOne({ _id: versionKey(recordId, 1) });
    expect(await records.migrateTitles()).to.equal(0);
  });

  it('refuses a title that is blank or too long with 400, writing nothing', async () => {
    const { app, services } = gateway;
    const writer = await personFor(app, services, 'patient', 'hospitala');
    const refused = await writer
      .send('post', `/api/patients/${writer.id}/records`, document('a.txt', 'a', 'x'.repeat(121)))
      .expect(400);
    expect(errorOf(refused).details).to.deep.equal({
      fields: [{ field: 'body.title', message: 'Use at most 120 characters, on one line.' }],
    });
    const blank = await writer
      .send('post', `/api/patients/${writer.id}/records`, document('a.txt', 'a', '  '))
      .expect(400);
    expect(errorOf(blank).details).to.deep.equal({
      fields: [
        {
          field: 'body.title',
          message: 'A title may not be blank: leave it out to have one made from the record.',
        },
      ],
    });
    const listed = await writer.agent.get(`/api/patients/${writer.id}/records`).expect(200);
    expect(itemsOf(listed)).to.deep.equal([]);
  });

  it('shows a doctor the titles of the records a grant in force covers, and no others', async () => {
    const covered = await create(patient, document('ecg-trace.txt', 'sinus rhythm'));
    const other = await create(patient, document('private-note.txt', 'private'));
    const directory = () =>
      doctor.agent.get(`/api/patients/${patient.id}/records`).query({ pageSize: 100 }).expect(200);
    const titleOf = (r: request.Response, recordId: string) =>
      itemsOf<ListedDirectoryEntry>(r).find((item) => item.recordId === recordId)?.title;

    const before = await directory();
    expect(itemsOf<ListedDirectoryEntry>(before).map((item) => item.title)).to.satisfy(
      (all: unknown[]) => all.length >= 2 && all.every((title) => title === null),
    );
    const consentId = await share([covered]);
    const granted = await directory();
    expect([titleOf(granted, covered), titleOf(granted, other)]).to.deep.equal([
      'ecg-trace.txt',
      null,
    ]);
    await patient.send('post', `/api/consents/${consentId}/revoke`).expect(200);
    expect(titleOf(await directory(), covered)).to.equal(null);

    // An auditor sees the list, never a title.
    const audited = await auditor.agent.get(`/api/patients/${patient.id}/records`).expect(200);
    expect(Object.values(titles(audited)).every((title) => title === null)).to.equal(true);
  });

  it('opens an earlier version checked against its own hash, logged, and refused without consent', async () => {
    const recordId = await create(patient, document('report.txt', 'first draft', 'Report'));
    await patient
      .send('put', `/api/records/${recordId}`, {
        expectedVersion: 1,
        content: document('report.txt', 'final text', 'Report, final'),
      })
      .expect(200);

    const first = await patient.agent.get(`/api/records/${recordId}/versions/1`).expect(200);
    const earlier = first.body as RecordRead;
    expect(earlier.record).to.include({ recordId, version: 1 });
    expect(earlier.title).to.equal('Report');
    expect(earlier.content).to.deep.equal(document('report.txt', 'first draft', 'Report'));
    const current = await patient.agent.get(`/api/records/${recordId}`).expect(200);
    expect((current.body as RecordRead).record.version).to.equal(2);
    expect((current.body as RecordRead).title).to.equal('Report, final');

    const none = await patient.agent.get(`/api/records/${recordId}/versions/3`).expect(404);
    expect(errorOf(none).message).to.equal(`record ${recordId} has no version 3; its latest is 2`);
    const malformed = await patient.agent.get(`/api/records/${recordId}/versions/one`).expect(400);
    expect(errorOf(malformed).details).to.deep.equal({
      fields: [{ field: 'params.version', message: 'Give the version as a whole number from 1.' }],
    });

    // A doctor: refused without a grant (before learning whether the version exists), served
    // under one, refused again once it is revoked.
    for (const version of [1, 3]) {
      const refused = await doctor.agent
        .get(`/api/records/${recordId}/versions/${version}`)
        .expect(403);
      expect(errorOf(refused).details).to.deep.equal({ reason: 'NO_CONSENT' });
    }
    // Both refusals count against the doctor's hour, so the second batch may be endorsed
    // again behind the first: let both reach the ledger before the grant is given.
    await gateway.services.reads.settled();
    const consentId = await share([recordId]);
    const read = await doctor.agent.get(`/api/records/${recordId}/versions/1`).expect(200);
    expect((read.body as RecordRead).content).to.deep.equal(earlier.content);
    expect((read.body as RecordRead).access.consentId).to.equal(consentId);
    await patient.send('post', `/api/consents/${consentId}/revoke`).expect(200);
    const revoked = await doctor.agent.get(`/api/records/${recordId}/versions/1`).expect(403);
    expect(errorOf(revoked).details).to.deep.equal({ reason: 'REVOKED' });

    // Every read, served or refused, is in the patient's access log with the version asked for.
    await gateway.services.reads.settled();
    const log = await patient.agent
      .get('/api/access-log')
      .query({ recordId, pageSize: 100 })
      .expect(200);
    const entries = itemsOf<AccessEntry>(log).map((entry) => [
      entry.accessorId,
      entry.version,
      entry.outcome,
      entry.refusal,
    ]);
    expect(entries).to.deep.equal([
      [doctor.id, 1, 'minor-failure', 'REVOKED'],
      [doctor.id, 1, 'success', null],
      [doctor.id, 3, 'minor-failure', 'NO_CONSENT'],
      [doctor.id, 1, 'minor-failure', 'NO_CONSENT'],
      [patient.id, 3, 'minor-failure', 'NOT_FOUND'],
      [patient.id, 2, 'success', null],
      [patient.id, 1, 'success', null],
    ]);
  });
});

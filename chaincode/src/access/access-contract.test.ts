import {
  transactions as tx,
  type AccessEntry,
  type HealthRecord,
  type Page,
  type RecordAccess,
  type RecordDirectory,
  type TransactionDefinition,
} from '@patrec/contract';
import { expect } from 'chai';
import {
  adminA,
  ALL,
  auditor,
  categories,
  createRecord,
  records,
  registerDoctor,
  registerPatient,
  request,
  requestAndGrant,
  share,
} from '../test-support/scenario';
import {
  compositeKey,
  HOSPITAL_B,
  person,
  sha256,
  stateOf,
  TestChain,
  type Identity,
} from '../test-support/test-chain';

describe('AccessContract', () => {
  let chain: TestChain;
  let patient: Identity;
  let doctor: Identity;
  let otherDoctor: Identity;

  beforeEach(async () => {
    chain = new TestChain();
    patient = await registerPatient(chain, 'PAT1');
    await registerPatient(chain, 'PAT2');
    doctor = await registerDoctor(chain, 'DOC1');
    otherDoctor = await registerDoctor(chain, 'DOC3', { mspId: HOSPITAL_B });
    await createRecord(chain, patient, 'PAT1', 'cardiac');
    await createRecord(chain, patient, 'PAT1', 'dentistry');
    await createRecord(chain, person('patient', 'PAT2'), 'PAT2', 'cardiac');
  });

  describe('AccessRecord', () => {
    it('lets the owner read without a grant and logs it', async () => {
      const at = chain.ledger.now;
      const call = await chain.call(patient, tx.access.accessRecord, 'PAT1REC0', '');
      const read = JSON.parse(call.output ?? '') as RecordAccess;
      expect(read.access).to.deep.equal({
        accessId: `ACC${call.txId}`,
        kind: 'record',
        patientId: 'PAT1',
        recordId: 'PAT1REC0',
        version: 1,
        accessorId: 'PAT1',
        accessorMspId: 'HospitalAMSP',
        consentId: null,
        emergency: false,
        outcome: 'success',
        refusal: null,
        accessedAt: at,
        txId: call.txId,
      });
      expect(read.record).to.include({
        recordId: 'PAT1REC0',
        contentHash: sha256('PAT1 cardiac content'),
      });
      expect(stateOf(chain, compositeKey('access', read.access.accessId))).to.deep.equal(
        read.access,
      );
      expect(chain.ledger.events.at(-1)).to.deep.include({
        name: 'RecordAccessed',
        payload: {
          accessId: read.access.accessId,
          recordId: 'PAT1REC0',
          patientId: 'PAT1',
          accessorId: 'PAT1',
          consentId: null,
        },
      });
    });

    it('lets a doctor read under a grant, naming the grant in the log', async () => {
      const grant = await share(chain, patient, 'DOC3', categories('cardiac'), 'read');
      const read = await chain.ok(otherDoctor, tx.access.accessRecord, 'PAT1REC0', '');
      expect(read.access).to.include({
        consentId: grant.consentId,
        emergency: false,
        accessorMspId: HOSPITAL_B,
      });
    });

    it('returns the current version and hash after an update', async () => {
      await share(chain, patient, 'DOC1', ALL, 'read');
      await chain.ok(patient, tx.records.updateRecord, 'PAT1REC0', 'cardiac', sha256('v2'), '1');
      const read = await chain.ok(doctor, tx.access.accessRecord, 'PAT1REC0', '');
      expect(read.access.version).to.equal(2);
      expect(read.record.contentHash).to.equal(sha256('v2'));
    });

    it('reads an earlier version by its own hash, logging that version', async () => {
      await share(chain, patient, 'DOC1', ALL, 'read');
      await chain.ok(patient, tx.records.updateRecord, 'PAT1REC0', 'cardiac', sha256('v2'), '1');
      await chain.ok(patient, tx.records.updateRecord, 'PAT1REC0', 'cardiac', sha256('v3'), '2');
      for (const reader of [patient, doctor]) {
        const call = await chain.call(reader, tx.access.accessRecord, 'PAT1REC0', '2');
        const read = JSON.parse(call.output ?? '') as RecordAccess;
        expect(read.record).to.include({ version: 2, contentHash: sha256('v2'), status: 'ACTIVE' });
        expect(read.access).to.include({ version: 2, recordId: 'PAT1REC0' });
        expect(stateOf(chain, compositeKey('access', read.access.accessId))).to.deep.equal(
          read.access,
        );
        const first = await chain.ok(reader, tx.access.accessRecord, 'PAT1REC0', '1');
        expect(first.record).to.include({
          version: 1,
          contentHash: sha256('PAT1 cardiac content'),
        });
        const current = await chain.ok(reader, tx.access.accessRecord, 'PAT1REC0', '3');
        expect(current.record).to.include({ version: 3, contentHash: sha256('v3') });
      }
    });

    it('refuses an earlier version exactly as the current one, before saying it has none', async () => {
      await chain.ok(patient, tx.records.updateRecord, 'PAT1REC0', 'cardiac', sha256('v2'), '1');
      const denied = 'FORBIDDEN(NO_CONSENT)';
      await chain.refused(doctor, denied, tx.access.accessRecord, 'PAT1REC0', '1');
      await chain.refused(doctor, denied, tx.access.accessRecord, 'PAT1REC0', '7');
      const grant = await share(chain, patient, 'DOC1', categories('cardiac'), 'read');
      await chain.ok(doctor, tx.access.accessRecord, 'PAT1REC0', '1');
      await chain.refused(doctor, 'NOT_FOUND', tx.access.accessRecord, 'PAT1REC0', '3');
      await chain.ok(patient, tx.consents.revokeAccess, grant.consentId);
      await chain.refused(doctor, 'FORBIDDEN(REVOKED)', tx.access.accessRecord, 'PAT1REC0', '1');
      await chain.ok(patient, tx.records.deleteRecord, 'PAT1REC0');
      await chain.refused(patient, 'NOT_FOUND', tx.access.accessRecord, 'PAT1REC0', '1');
    });

    it('finds a version written before versions were kept apart in the record history', async () => {
      await chain.ok(patient, tx.records.updateRecord, 'PAT1REC0', 'cardiac', sha256('v2'), '1');
      // As a ledger written by the chaincode before it kept each version under its own key.
      chain.ledger.neverWritten(compositeKey('recordVersion', 'PAT1', '0000000000', '0000000001'));
      const read = await chain.ok(patient, tx.access.accessRecord, 'PAT1REC0', '1');
      expect(read.record).to.include({ version: 1, contentHash: sha256('PAT1 cardiac content') });
    });

    it('covers records added later to a granted category', async () => {
      await share(chain, patient, 'DOC1', categories('cardiac'), 'read');
      await createRecord(chain, patient, 'PAT1', 'cardiac');
      await chain.ok(doctor, tx.access.accessRecord, 'PAT1REC2', '');
    });

    it('limits a record grant to the records it names', async () => {
      await share(chain, patient, 'DOC1', records('PAT1REC0'), 'read');
      await chain.ok(doctor, tx.access.accessRecord, 'PAT1REC0', '');
      await chain.refused(doctor, 'FORBIDDEN(NO_CONSENT)', tx.access.accessRecord, 'PAT1REC1', '');
    });

    it("prefers the patient's own grant to an emergency grant", async () => {
      await chain.ok(doctor, tx.consents.emergencyAccess, 'PAT1', sha256('reason'), '');
      const grant = await share(chain, patient, 'DOC1', ALL, 'read');
      const read = await chain.ok(doctor, tx.access.accessRecord, 'PAT1REC0', '');
      expect(read.access).to.include({ consentId: grant.consentId, emergency: false });
    });

    it('refuses a doctor whose only grant expired with EXPIRED', async () => {
      await share(chain, patient, 'DOC1', ALL, 'read', 3600);
      chain.ledger.advance(3599);
      await chain.ok(doctor, tx.access.accessRecord, 'PAT1REC0', '');
      chain.ledger.advance(1);
      await chain.refused(doctor, 'EXPIRED', tx.access.accessRecord, 'PAT1REC0', '');
    });

    it('tells a doctor whose grant the patient revoked that it was revoked', async () => {
      const grant = await requestAndGrant(chain, doctor, patient, ALL, 'read');
      await chain.ok(patient, tx.consents.revokeAccess, grant.consentId);
      const message = await chain.refused(
        doctor,
        'FORBIDDEN(REVOKED)',
        tx.access.accessRecord,
        'PAT1REC0',
        '',
      );
      expect(message).to.equal(
        "FORBIDDEN(REVOKED): DOC1's read grant covering PAT1REC0 was revoked by the patient",
      );
    });

    it('refuses a doctor whose request is pending or was rejected with FORBIDDEN', async () => {
      const pending = await request(chain, doctor, 'PAT1', ALL, 'read');
      await chain.refused(doctor, 'FORBIDDEN(NO_CONSENT)', tx.access.accessRecord, 'PAT1REC0', '');
      await chain.ok(patient, tx.consents.rejectAccess, pending.consentId);
      await chain.refused(doctor, 'FORBIDDEN(NO_CONSENT)', tx.access.accessRecord, 'PAT1REC0', '');
    });

    it('refuses a suspended doctor holding a grant with FORBIDDEN', async () => {
      await requestAndGrant(chain, doctor, patient, ALL, 'read');
      await chain.ok(adminA, tx.participants.suspendDoctor, 'DOC1');
      await chain.refused(doctor, 'FORBIDDEN(SUSPENDED)', tx.access.accessRecord, 'PAT1REC0', '');
    });

    it('answers a deleted or unknown record with NOT_FOUND', async () => {
      await share(chain, patient, 'DOC1', ALL, 'read');
      await chain.ok(patient, tx.records.deleteRecord, 'PAT1REC1');
      await chain.refused(patient, 'NOT_FOUND', tx.access.accessRecord, 'PAT1REC1', '');
      await chain.refused(doctor, 'NOT_FOUND', tx.access.accessRecord, 'PAT1REC1', '');
      await chain.refused(doctor, 'NOT_FOUND', tx.access.accessRecord, 'PAT1REC9', '');
    });

    const refused = [
      ['another patient', person('patient', 'PAT2'), 'FORBIDDEN(NOT_YOURS)'],
      [
        'a certificate for PAT1 from the wrong hospital',
        person('patient', 'PAT1', HOSPITAL_B),
        'FORBIDDEN(WRONG_HOSPITAL)',
      ],
      ['an admin', adminA, 'FORBIDDEN(ROLE)'],
      ['an auditor', auditor, 'FORBIDDEN(ROLE)'],
    ] as const;
    for (const [who, caller, refusal] of refused) {
      it(`refuses ${who} with ${refusal}`, async () => {
        await chain.refused(caller, refusal, tx.access.accessRecord, 'PAT1REC0', '');
      });
    }
  });

  describe('GetRecordDirectory', () => {
    const directoryOf = (caller: Identity, patientId: string, pageSize = '', bookmark = '') =>
      chain.ok(caller, tx.access.getRecordDirectory, patientId, pageSize, bookmark);

    it("shows a verified doctor a patient's record IDs, categories and dates, logged", async () => {
      await chain.ok(patient, tx.records.deleteRecord, 'PAT1REC1');
      const call = await chain.call(doctor, tx.access.getRecordDirectory, 'PAT1', '', '');
      const directory = JSON.parse(call.output ?? '') as RecordDirectory;
      const record = stateOf(chain, compositeKey('record', 'PAT1', '0000000000')) as HealthRecord;
      expect(directory).to.deep.equal({
        accessId: `ACC${call.txId}`,
        patientId: 'PAT1',
        items: [
          {
            recordId: 'PAT1REC0',
            category: 'cardiac',
            version: 1,
            createdAt: record.createdAt,
            updatedAt: record.updatedAt,
            readable: false,
          },
        ],
        bookmark: '',
      });
      const entry = stateOf(chain, compositeKey('access', `ACC${call.txId}`));
      expect(entry).to.include({
        kind: 'directory',
        recordId: null,
        consentId: null,
        accessorId: 'DOC1',
      });
      expect(chain.ledger.events.at(-1)).to.deep.include({
        name: 'DirectoryAccessed',
        payload: { accessId: `ACC${call.txId}`, patientId: 'PAT1', accessorId: 'DOC1' },
      });
    });

    it('lets the owner list their own directory', async () => {
      const directory = await directoryOf(patient, 'PAT1');
      expect(directory.items.map((r) => r.recordId)).to.deep.equal(['PAT1REC0', 'PAT1REC1']);
      expect(directory.items.every((r) => r.readable)).to.equal(true);
      expect(directory.bookmark).to.equal('');
    });

    it("marks the records a doctor's grants in force let them read, and no others", async () => {
      const readable = async () =>
        (await directoryOf(doctor, 'PAT1')).items.map((r) => `${r.recordId} ${r.readable}`);
      expect(await readable()).to.deep.equal(['PAT1REC0 false', 'PAT1REC1 false']);
      const grant = await share(chain, patient, 'DOC1', categories('dentistry'), 'read', 3600);
      expect(await readable()).to.deep.equal(['PAT1REC0 false', 'PAT1REC1 true']);
      chain.ledger.advance(3601);
      expect(await readable()).to.deep.equal(['PAT1REC0 false', 'PAT1REC1 false']);
      const again = await share(chain, patient, 'DOC1', records('PAT1REC0'), 'read');
      expect(await readable()).to.deep.equal(['PAT1REC0 true', 'PAT1REC1 false']);
      await chain.ok(patient, tx.consents.revokeAccess, again.consentId);
      expect(await readable()).to.deep.equal(['PAT1REC0 false', 'PAT1REC1 false']);
      expect(grant.consentId).to.not.equal(again.consentId);
    });

    it('pages with bookmarks until the bookmark is empty, each page a logged look-up', async () => {
      for (let n = 2; n < 7; n += 1) await createRecord(chain, patient, 'PAT1', 'dentistry');
      await chain.ok(patient, tx.records.deleteRecord, 'PAT1REC3');
      const pages: string[][] = [];
      const accessIds: string[] = [];
      let bookmark = '';
      do {
        const page = await directoryOf(doctor, 'PAT1', '3', bookmark);
        pages.push(page.items.map((r) => r.recordId));
        accessIds.push(page.accessId);
        bookmark = page.bookmark;
      } while (bookmark);
      // Seven records, three a page; the deleted PAT1REC3 leaves its page one short.
      expect(pages).to.deep.equal([
        ['PAT1REC0', 'PAT1REC1', 'PAT1REC2'],
        ['PAT1REC4', 'PAT1REC5'],
        ['PAT1REC6'],
      ]);
      const byDoctor = ['PAT1', '', 'DOC1', '', '', '', ''];
      const logged = await chain.ok(auditor, tx.access.listAccessLog, ...byDoctor);
      // Newest first: the last page's look-up heads the log.
      expect(logged.items.map((e) => [e.accessId, e.kind])).to.deep.equal(
        [...accessIds].reverse().map((id) => [id, 'directory']),
      );
      expect(chain.ledger.events.slice(-3).map((e) => e.name)).to.deep.equal([
        'DirectoryAccessed',
        'DirectoryAccessed',
        'DirectoryAccessed',
      ]);
    });

    it("hands out the bookmarks of the patient's own list, and takes them", async () => {
      for (let n = 2; n < 5; n += 1) await createRecord(chain, patient, 'PAT1', 'dentistry');
      const own = await chain.ok(patient, tx.records.listRecords, 'PAT1', '2', '');
      const directory = await directoryOf(doctor, 'PAT1', '2');
      expect(directory.bookmark).to.not.equal('');
      expect(directory.bookmark).to.equal(own.bookmark);
      const next = await directoryOf(doctor, 'PAT1', '2', own.bookmark);
      expect(next.items.map((r) => r.recordId)).to.deep.equal(['PAT1REC2', 'PAT1REC3']);
    });

    const foreign: [string, () => Promise<string>][] = [
      [
        "another patient's list",
        async () => {
          for (let n = 1; n < 3; n += 1) {
            await createRecord(chain, person('patient', 'PAT2'), 'PAT2', 'cardiac');
          }
          return (await directoryOf(doctor, 'PAT2', '1')).bookmark;
        },
      ],
      [
        'the access log',
        async () => {
          await share(chain, patient, 'DOC1', ALL, 'read');
          await chain.ok(doctor, tx.access.accessRecord, 'PAT1REC0', '');
          await chain.ok(doctor, tx.access.accessRecord, 'PAT1REC1', '');
          const log = await chain.ok(doctor, tx.access.listAccessLog, '', '', '', '', '', '1', '');
          return log.bookmark;
        },
      ],
      ['nowhere (a forged key inside the range)', () => Promise.resolve(forgedRecordBookmark())],
    ];
    for (const [source, bookmarkFrom] of foreign) {
      it(`refuses a bookmark from ${source} with INVALID_ARGUMENT, logging nothing`, async () => {
        const bookmark = await bookmarkFrom();
        expect(bookmark).to.not.equal('');
        const message = await chain.refused(
          doctor,
          'INVALID_ARGUMENT',
          tx.access.getRecordDirectory,
          'PAT1',
          '1',
          bookmark,
        );
        expect(message).to.equal('INVALID_ARGUMENT: bookmark does not belong to this query');
      });
    }

    it('answers a doctor asking about an unregistered patient with NOT_FOUND', async () => {
      await chain.refused(doctor, 'NOT_FOUND', tx.access.getRecordDirectory, 'PAT9', '', '');
    });

    const refused = [
      ['an unverified doctor', 'DOC2', 'FORBIDDEN(UNVERIFIED)'],
      ['another patient', 'PAT2', 'FORBIDDEN(NOT_YOURS)'],
      ['an auditor', 'AUD1', 'FORBIDDEN(ROLE)'],
    ] as const;
    for (const [who, id, refusal] of refused) {
      it(`refuses ${who} with ${refusal}`, async () => {
        if (id === 'DOC2') await registerDoctor(chain, 'DOC2', { verified: false });
        const caller =
          id === 'AUD1' ? auditor : person(id.startsWith('DOC') ? 'doctor' : 'patient', id);
        await chain.refused(caller, refusal, tx.access.getRecordDirectory, 'PAT1', '', '');
      });
    }
  });

  describe('ListAccessLog', () => {
    const times: string[] = [];
    const log = (caller: Identity, ...filter: string[]) =>
      chain.ok(caller, tx.access.listAccessLog, ...filter);
    const reads = (page: Page<AccessEntry>) =>
      page.items.map(
        (entry) => `${entry.accessorId}:${entry.recordId ?? `dir(${entry.patientId})`}`,
      );

    beforeEach(async () => {
      times.length = 0;
      await share(chain, patient, 'DOC1', ALL, 'read');
      await share(chain, patient, 'DOC3', ALL, 'read');
      await share(chain, person('patient', 'PAT2'), 'DOC1', ALL, 'read');
      const steps: [Identity, TransactionDefinition, string[]][] = [
        [doctor, tx.access.accessRecord, ['PAT1REC0', '']],
        [doctor, tx.access.accessRecord, ['PAT1REC1', '']],
        [otherDoctor, tx.access.accessRecord, ['PAT1REC0', '']],
        [patient, tx.access.accessRecord, ['PAT1REC0', '']],
        [doctor, tx.access.accessRecord, ['PAT2REC0', '']],
        [doctor, tx.access.getRecordDirectory, ['PAT1', '', '']],
      ];
      for (const [caller, transaction, args] of steps) {
        chain.ledger.advance(60);
        times.push(chain.ledger.now);
        await chain.ok(caller, transaction, ...args);
      }
    });

    it('shows a patient every read of their records, newest first', async () => {
      expect(reads(await log(patient, '', '', '', '', '', '', ''))).to.deep.equal([
        'DOC1:dir(PAT1)',
        'PAT1:PAT1REC0',
        'DOC3:PAT1REC0',
        'DOC1:PAT1REC1',
        'DOC1:PAT1REC0',
      ]);
    });

    it('filters by record and by accessor', async () => {
      expect(reads(await log(patient, 'PAT1', 'PAT1REC0', '', '', '', '', ''))).to.deep.equal([
        'PAT1:PAT1REC0',
        'DOC3:PAT1REC0',
        'DOC1:PAT1REC0',
      ]);
      expect(reads(await log(patient, '', '', 'DOC1', '', '', '', ''))).to.deep.equal([
        'DOC1:dir(PAT1)',
        'DOC1:PAT1REC1',
        'DOC1:PAT1REC0',
      ]);
      expect(reads(await log(auditor, '', 'PAT1REC0', 'DOC3', '', '', '', ''))).to.deep.equal([
        'DOC3:PAT1REC0',
      ]);
    });

    it('shows a doctor their own reads only', async () => {
      expect(reads(await log(doctor, '', '', '', '', '', '', ''))).to.deep.equal([
        'DOC1:dir(PAT1)',
        'DOC1:PAT2REC0',
        'DOC1:PAT1REC1',
        'DOC1:PAT1REC0',
      ]);
      expect(reads(await log(doctor, 'PAT2', '', '', '', '', '', ''))).to.deep.equal([
        'DOC1:PAT2REC0',
      ]);
    });

    it('shows auditors everything, within a time range [from, to)', async () => {
      const all = await log(auditor, '', '', '', '', '', '', '');
      expect(all.items).to.have.lengthOf(6);
      const window = await log(auditor, '', '', '', times[1] ?? '', times[4] ?? '', '', '');
      // From the second access included, to the fifth left out, newest first.
      expect(reads(window)).to.deep.equal(['PAT1:PAT1REC0', 'DOC3:PAT1REC0', 'DOC1:PAT1REC1']);
    });

    it('pages with bookmarks until the bookmark is empty', async () => {
      const seen: string[] = [];
      let bookmark = '';
      let pages = 0;
      do {
        const page = await log(auditor, '', '', '', '', '', '4', bookmark);
        seen.push(...reads(page));
        bookmark = page.bookmark;
        pages += 1;
      } while (bookmark);
      expect(pages).to.equal(2);
      expect(seen).to.have.lengthOf(6);
    });

    it("refuses a bookmark forged to reach other doctors' reads with INVALID_ARGUMENT", async () => {
      // Without the check the peer would start at this key and run on to the end of DOC1's
      // range, through every key of DOC0… in between.
      const forged = Buffer.from('accessLogByNewest~byAccessor~DOC0~').toString('base64url');
      await chain.refused(
        doctor,
        'INVALID_ARGUMENT',
        tx.access.listAccessLog,
        '',
        '',
        '',
        '',
        '',
        '',
        forged,
      );
    });

    const forbidden = [
      ["a patient asking for another patient's log", ['PAT2', '', '', '', '', '', '']],
      ["a patient asking about another patient's record", ['', 'PAT2REC0', '', '', '', '', '']],
    ] as const;
    for (const [what, filter] of forbidden) {
      it(`refuses ${what} with FORBIDDEN`, async () => {
        await chain.refused(patient, 'FORBIDDEN(NOT_YOURS)', tx.access.listAccessLog, ...filter);
      });
    }

    it("refuses a doctor asking for another doctor's reads with FORBIDDEN", async () => {
      await chain.refused(
        doctor,
        'FORBIDDEN(NOT_YOURS)',
        tx.access.listAccessLog,
        '',
        '',
        'DOC3',
        '',
        '',
        '',
        '',
      );
    });

    it('refuses admins with FORBIDDEN', async () => {
      await chain.refused(
        adminA,
        'FORBIDDEN(ROLE)',
        tx.access.listAccessLog,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      );
    });

    const invalid = [
      [
        'a time range that ends before it starts',
        ['', '', '', '2026-02-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '', ''],
      ],
      ['an impossible date', ['', '', '', '2026-02-30T00:00:00.000Z', '', '', '']],
      ['a time without milliseconds', ['', '', '', '2026-02-01T00:00:00Z', '', '', '']],
      ['a record of another patient than the one named', ['PAT2', 'PAT1REC0', '', '', '', '', '']],
      ['an accessor ID that is not a person', ['', '', 'ADM1', '', '', '', '']],
    ] as const;
    for (const [what, filter] of invalid) {
      it(`refuses ${what} with INVALID_ARGUMENT`, async () => {
        await chain.refused(auditor, 'INVALID_ARGUMENT', tx.access.listAccessLog, ...filter);
      });
    }
  });
});

/** A key inside PAT1's record range that is no record's: what a forger might try. */
function forgedRecordBookmark(): string {
  return Buffer.from(`${compositeKey('record', 'PAT1')}x`, 'utf8').toString('base64url');
}

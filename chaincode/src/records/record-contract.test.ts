import { transactions as tx, type HealthRecord } from '@patrec/contract';
import { expect } from 'chai';
import {
  adminA,
  ALL,
  auditor,
  categories,
  createRecord,
  DAY,
  records,
  registerDoctor,
  registerPatient,
  share,
} from '../test-support/scenario';
import {
  compositeKey,
  person,
  sha256,
  stateOf,
  TestChain,
  type Identity,
} from '../test-support/test-chain';

describe('RecordContract', () => {
  let chain: TestChain;
  let patient: Identity;
  let doctor: Identity;
  const HASH = sha256('first version');
  const NEW_HASH = sha256('second version');

  beforeEach(async () => {
    chain = new TestChain();
    patient = await registerPatient(chain, 'PAT1');
    await registerPatient(chain, 'PAT2');
    doctor = await registerDoctor(chain, 'DOC1');
  });

  describe('CreateRecord', () => {
    it('gives the owner the next ID of their own sequence', async () => {
      const at = chain.ledger.now;
      const first = await chain.ok(patient, tx.records.createRecord, 'PAT1', 'cardiac', HASH);
      expect(first).to.deep.equal({
        recordId: 'PAT1REC0',
        patientId: 'PAT1',
        category: 'cardiac',
        contentHash: HASH,
        version: 1,
        status: 'ACTIVE',
        createdAt: at,
        createdBy: 'PAT1',
        updatedAt: at,
        updatedBy: 'PAT1',
        consentId: null,
      });
      const second = await createRecord(chain, patient, 'PAT1', 'document');
      expect(second.recordId).to.equal('PAT1REC1');
      expect(stateOf(chain, compositeKey('recordCounter', 'PAT1'))).to.deep.equal({ next: 2 });
      expect(chain.ledger.events.at(-1)).to.deep.include({
        name: 'RecordCreated',
        payload: { recordId: 'PAT1REC1', patientId: 'PAT1', actorId: 'PAT1', consentId: null },
      });
    });

    it('numbers each patient separately (no global counter)', async () => {
      await createRecord(chain, patient, 'PAT1', 'cardiac');
      await createRecord(chain, patient, 'PAT1', 'cardiac');
      const other = await createRecord(chain, person('patient', 'PAT2'), 'PAT2', 'dentistry');
      expect(other.recordId).to.equal('PAT2REC0');
    });

    it('lets a verified doctor whose read-write grant covers the category create', async () => {
      const grant = await share(chain, patient, 'DOC1', categories('cardiac'), 'read-write');
      const record = await createRecord(chain, doctor, 'PAT1', 'cardiac');
      expect(record).to.include({ createdBy: 'DOC1', consentId: grant.consentId });
    });

    it('refuses a doctor whose grant is read-only with FORBIDDEN', async () => {
      await share(chain, patient, 'DOC1', categories('cardiac'), 'read');
      await chain.refused(
        doctor,
        'FORBIDDEN(NO_CONSENT)',
        tx.records.createRecord,
        'PAT1',
        'cardiac',
        HASH,
      );
    });

    it('refuses a doctor whose grant covers other categories with FORBIDDEN', async () => {
      await share(chain, patient, 'DOC1', categories('dentistry'), 'read-write');
      await chain.refused(
        doctor,
        'FORBIDDEN(NO_CONSENT)',
        tx.records.createRecord,
        'PAT1',
        'cardiac',
        HASH,
      );
    });

    it('refuses a doctor whose grant names records only (a new record is not among them)', async () => {
      const existing = await createRecord(chain, patient, 'PAT1', 'cardiac');
      await share(chain, patient, 'DOC1', records(existing.recordId), 'read-write');
      await chain.refused(
        doctor,
        'FORBIDDEN(NO_CONSENT)',
        tx.records.createRecord,
        'PAT1',
        'cardiac',
        HASH,
      );
    });

    it('refuses a doctor whose only covering grant has expired with EXPIRED', async () => {
      await share(chain, patient, 'DOC1', categories('cardiac'), 'read-write', 3600);
      chain.ledger.advance(3600);
      await chain.refused(doctor, 'EXPIRED', tx.records.createRecord, 'PAT1', 'cardiac', HASH);
    });

    it('refuses an unverified doctor holding a grant with FORBIDDEN', async () => {
      const unverified = await registerDoctor(chain, 'DOC2', { verified: false });
      await share(chain, patient, 'DOC2', categories('cardiac'), 'read-write');
      await chain.refused(
        unverified,
        'FORBIDDEN(UNVERIFIED)',
        tx.records.createRecord,
        'PAT1',
        'cardiac',
        HASH,
      );
    });

    it("refuses a patient writing another patient's records with FORBIDDEN", async () => {
      await chain.refused(
        patient,
        'FORBIDDEN(NOT_YOURS)',
        tx.records.createRecord,
        'PAT2',
        'cardiac',
        HASH,
      );
    });

    it('refuses an unregistered patient with FORBIDDEN', async () => {
      await chain.refused(
        person('patient', 'PAT9'),
        'FORBIDDEN(NOT_REGISTERED)',
        tx.records.createRecord,
        'PAT9',
        'cardiac',
        HASH,
      );
    });

    it('answers a doctor writing for an unregistered patient with NOT_FOUND', async () => {
      await chain.refused(doctor, 'NOT_FOUND', tx.records.createRecord, 'PAT9', 'cardiac', HASH);
    });

    for (const [who, caller] of [
      ['an admin', adminA],
      ['an auditor', auditor],
    ] as const) {
      it(`refuses ${who} with FORBIDDEN`, async () => {
        await chain.refused(
          caller,
          'FORBIDDEN(ROLE)',
          tx.records.createRecord,
          'PAT1',
          'cardiac',
          HASH,
        );
      });
    }

    const badArguments = [
      ['an unknown category', ['PAT1', 'oncology', HASH]],
      ['an upper-case hash', ['PAT1', 'cardiac', HASH.toUpperCase()]],
      ['a short hash', ['PAT1', 'cardiac', HASH.slice(2)]],
      ['a malformed patient ID', ['PAT-1', 'cardiac', HASH]],
    ] as const;
    for (const [what, args] of badArguments) {
      it(`refuses ${what} with INVALID_ARGUMENT`, async () => {
        await chain.refused(patient, 'INVALID_ARGUMENT', tx.records.createRecord, ...args);
      });
    }
  });

  describe('UpdateRecord', () => {
    let record: HealthRecord;
    beforeEach(async () => {
      record = await chain.ok(patient, tx.records.createRecord, 'PAT1', 'cardiac', HASH);
    });

    it('writes a new version and keeps the old one in the history', async () => {
      const at = chain.ledger.now;
      const updated = await chain.ok(
        patient,
        tx.records.updateRecord,
        'PAT1REC0',
        'cardiac',
        NEW_HASH,
        '1',
      );
      expect(updated).to.deep.equal({
        ...record,
        contentHash: NEW_HASH,
        version: 2,
        updatedAt: at,
      });
      const history = await chain.ok(auditor, tx.audit.getRecordHistory, 'PAT1REC0');
      expect(history.map((entry) => entry.value?.contentHash)).to.deep.equal([NEW_HASH, HASH]);
      expect(chain.ledger.events.at(-1)?.name).to.equal('RecordUpdated');
    });

    it('refuses a stale expectedVersion with CONFLICT', async () => {
      await chain.ok(patient, tx.records.updateRecord, 'PAT1REC0', 'cardiac', NEW_HASH, '1');
      await chain.refused(
        patient,
        'CONFLICT',
        tx.records.updateRecord,
        'PAT1REC0',
        'cardiac',
        HASH,
        '1',
      );
    });

    it('refuses content of another category with INVALID_ARGUMENT, to its writers only', async () => {
      const message = await chain.refused(
        patient,
        'INVALID_ARGUMENT',
        tx.records.updateRecord,
        'PAT1REC0',
        'dentistry',
        NEW_HASH,
        '1',
      );
      expect(message).to.contain('record PAT1REC0 is cardiac, not dentistry');
      // Those who may not write it learn neither its category nor its version.
      for (const [caller, refusal] of [
        [doctor, 'FORBIDDEN(NO_CONSENT)'],
        [person('patient', 'PAT2'), 'FORBIDDEN(NOT_YOURS)'],
      ] as const) {
        const refused = await chain.refused(
          caller,
          refusal,
          tx.records.updateRecord,
          'PAT1REC0',
          'dentistry',
          NEW_HASH,
          '7',
        );
        expect(refused).not.to.match(/cardiac|version/);
      }
    });

    it('lets a doctor with a read-write grant on that very record update it', async () => {
      const grant = await share(chain, patient, 'DOC1', records('PAT1REC0'), 'read-write');
      const updated = await chain.ok(
        doctor,
        tx.records.updateRecord,
        'PAT1REC0',
        'cardiac',
        NEW_HASH,
        '1',
      );
      expect(updated).to.include({
        updatedBy: 'DOC1',
        createdBy: 'PAT1',
        consentId: grant.consentId,
      });
    });

    it('refuses a doctor with a read grant with FORBIDDEN', async () => {
      await share(chain, patient, 'DOC1', records('PAT1REC0'), 'read');
      await chain.refused(
        doctor,
        'FORBIDDEN(NO_CONSENT)',
        tx.records.updateRecord,
        'PAT1REC0',
        'cardiac',
        NEW_HASH,
        '1',
      );
    });

    it('answers an unknown or deleted record with NOT_FOUND', async () => {
      await chain.refused(
        patient,
        'NOT_FOUND',
        tx.records.updateRecord,
        'PAT1REC7',
        'cardiac',
        NEW_HASH,
        '1',
      );
      await chain.ok(patient, tx.records.deleteRecord, 'PAT1REC0');
      await chain.refused(
        patient,
        'NOT_FOUND',
        tx.records.updateRecord,
        'PAT1REC0',
        'cardiac',
        NEW_HASH,
        '1',
      );
    });

    it('refuses another patient with FORBIDDEN, whether or not the record exists', async () => {
      const other = person('patient', 'PAT2');
      await chain.refused(
        other,
        'FORBIDDEN(NOT_YOURS)',
        tx.records.updateRecord,
        'PAT1REC0',
        'cardiac',
        NEW_HASH,
        '1',
      );
      await chain.refused(
        other,
        'FORBIDDEN(NOT_YOURS)',
        tx.records.updateRecord,
        'PAT1REC9',
        'cardiac',
        NEW_HASH,
        '1',
      );
    });

    for (const bad of ['0', '-1', 'one', '1.0', '']) {
      it(`refuses expectedVersion ${JSON.stringify(bad)} with INVALID_ARGUMENT`, async () => {
        await chain.refused(
          patient,
          'INVALID_ARGUMENT',
          tx.records.updateRecord,
          'PAT1REC0',
          'cardiac',
          NEW_HASH,
          bad,
        );
      });
    }
  });

  describe('DeleteRecord', () => {
    beforeEach(async () => {
      await createRecord(chain, patient, 'PAT1', 'cardiac');
    });

    it('leaves a tombstone that keeps the metadata and history', async () => {
      const tombstone = await chain.ok(patient, tx.records.deleteRecord, 'PAT1REC0');
      expect(tombstone).to.include({ status: 'DELETED', version: 1, updatedBy: 'PAT1' });
      expect(stateOf(chain, compositeKey('record', 'PAT1', '0000000000'))).to.deep.equal(tombstone);
      expect(chain.ledger.events.at(-1)).to.deep.include({
        name: 'RecordDeleted',
        payload: { recordId: 'PAT1REC0', patientId: 'PAT1', actorId: 'PAT1', consentId: null },
      });
      const fetched = await chain.ok(auditor, tx.records.getRecord, 'PAT1REC0');
      expect(fetched.status).to.equal('DELETED');
    });

    it('never reuses a deleted record ID', async () => {
      await chain.ok(patient, tx.records.deleteRecord, 'PAT1REC0');
      const next = await createRecord(chain, patient, 'PAT1', 'cardiac');
      expect(next.recordId).to.equal('PAT1REC1');
    });

    it('answers a second delete with NOT_FOUND', async () => {
      await chain.ok(patient, tx.records.deleteRecord, 'PAT1REC0');
      await chain.refused(patient, 'NOT_FOUND', tx.records.deleteRecord, 'PAT1REC0');
    });

    it('refuses a doctor, even with a read-write grant, with FORBIDDEN', async () => {
      await share(chain, patient, 'DOC1', ALL, 'read-write');
      await chain.refused(doctor, 'FORBIDDEN(ROLE)', tx.records.deleteRecord, 'PAT1REC0');
    });

    it('refuses another patient with FORBIDDEN', async () => {
      await chain.refused(
        person('patient', 'PAT2'),
        'FORBIDDEN(NOT_YOURS)',
        tx.records.deleteRecord,
        'PAT1REC0',
      );
    });
  });

  describe('GetRecord and ListRecords', () => {
    beforeEach(async () => {
      for (let i = 0; i < 12; i += 1)
        await createRecord(chain, patient, 'PAT1', 'document', `v${i}`);
      await createRecord(chain, person('patient', 'PAT2'), 'PAT2', 'cardiac');
    });

    it('shows the owner and auditors a record with its hash', async () => {
      const owned = await chain.ok(patient, tx.records.getRecord, 'PAT1REC3');
      expect(owned.contentHash).to.equal(sha256('v3'));
      const audited = await chain.ok(auditor, tx.records.getRecord, 'PAT1REC3');
      expect(audited).to.deep.equal(owned);
    });

    it('refuses doctors (their reads go through AccessRecord) with FORBIDDEN', async () => {
      await share(chain, patient, 'DOC1', ALL, 'read', DAY);
      await chain.refused(doctor, 'FORBIDDEN(NOT_YOURS)', tx.records.getRecord, 'PAT1REC3');
    });

    it('answers an unknown record with NOT_FOUND', async () => {
      await chain.refused(patient, 'NOT_FOUND', tx.records.getRecord, 'PAT1REC12');
    });

    it("pages through a patient's records in creation order (REC10 after REC9)", async () => {
      const ids: string[] = [];
      let bookmark = '';
      do {
        const page = await chain.ok(patient, tx.records.listRecords, 'PAT1', '5', bookmark);
        expect(page.items.length).to.be.at.most(5);
        ids.push(...page.items.map((record) => record.recordId));
        bookmark = page.bookmark;
      } while (bookmark);
      expect(ids).to.deep.equal(Array.from({ length: 12 }, (_, i) => `PAT1REC${i}`));
    });

    it("refuses another patient's list with FORBIDDEN", async () => {
      await chain.refused(
        person('patient', 'PAT2'),
        'FORBIDDEN(NOT_YOURS)',
        tx.records.listRecords,
        'PAT1',
        '',
        '',
      );
    });

    it("refuses a bookmark forged to reach another patient's records with INVALID_ARGUMENT", async () => {
      const forged = Buffer.from(compositeKey('record', 'PAT0', '0000000000')).toString(
        'base64url',
      );
      await chain.refused(patient, 'INVALID_ARGUMENT', tx.records.listRecords, 'PAT1', '5', forged);
    });
  });
});

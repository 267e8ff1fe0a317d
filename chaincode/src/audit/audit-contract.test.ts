import { transactions as tx } from '@patrec/contract';
import { expect } from 'chai';
import {
  adminA,
  adminB,
  ALL,
  auditor,
  createRecord,
  registerDoctor,
  registerPatient,
  requestAndGrant,
} from '../test-support/scenario';
import { HOSPITAL_B, person, sha256, TestChain, type Identity } from '../test-support/test-chain';

describe('AuditContract', () => {
  let chain: TestChain;
  let patient: Identity;
  let doctor: Identity;

  beforeEach(async () => {
    chain = new TestChain();
    patient = await registerPatient(chain, 'PAT1');
    await registerPatient(chain, 'PAT2');
    doctor = await registerDoctor(chain, 'DOC1');
    await registerDoctor(chain, 'DOC3', { mspId: HOSPITAL_B });
    await createRecord(chain, patient, 'PAT1', 'cardiac', 'v1');
  });

  describe('GetParticipantHistory', () => {
    it("returns every state of a doctor's registration, newest first", async () => {
      await chain.ok(adminA, tx.participants.suspendDoctor, 'DOC1');
      const history = await chain.ok(auditor, tx.audit.getParticipantHistory, 'DOC1');
      expect(history.map((entry) => entry.value?.status)).to.deep.equal([
        'SUSPENDED',
        'VERIFIED',
        'UNVERIFIED',
      ]);
      expect(history.every((entry) => /^[0-9a-f]{64}$/.test(entry.txId))).to.equal(true);
      expect((history[0]?.timestamp ?? '') > (history[2]?.timestamp ?? '')).to.equal(true);
    });

    it('is open to the participant and to admins of their hospital', async () => {
      await chain.ok(doctor, tx.audit.getParticipantHistory, 'DOC1');
      await chain.ok(adminA, tx.audit.getParticipantHistory, 'DOC1');
    });

    it('refuses admins of other hospitals, other patients and doctors with FORBIDDEN', async () => {
      await chain.refused(adminB, 'FORBIDDEN(NOT_YOURS)', tx.audit.getParticipantHistory, 'PAT1');
      await chain.refused(
        person('patient', 'PAT2'),
        'FORBIDDEN(NOT_YOURS)',
        tx.audit.getParticipantHistory,
        'PAT1',
      );
      await chain.refused(doctor, 'FORBIDDEN(NOT_YOURS)', tx.audit.getParticipantHistory, 'PAT1');
    });

    it('answers an unknown participant with NOT_FOUND', async () => {
      await chain.refused(auditor, 'NOT_FOUND', tx.audit.getParticipantHistory, 'PAT5');
    });
  });

  describe('GetRecordHistory', () => {
    it('returns every version and the tombstone', async () => {
      await chain.ok(patient, tx.records.updateRecord, 'PAT1REC0', 'cardiac', sha256('v2'), '1');
      await chain.ok(patient, tx.records.deleteRecord, 'PAT1REC0');
      const history = await chain.ok(patient, tx.audit.getRecordHistory, 'PAT1REC0');
      expect(history.map((entry) => [entry.value?.version, entry.value?.status])).to.deep.equal([
        [2, 'DELETED'],
        [2, 'ACTIVE'],
        [1, 'ACTIVE'],
      ]);
    });

    it('refuses doctors with FORBIDDEN and answers unknown records with NOT_FOUND', async () => {
      await requestAndGrant(chain, doctor, patient, ALL, 'read');
      await chain.refused(doctor, 'FORBIDDEN(NOT_YOURS)', tx.audit.getRecordHistory, 'PAT1REC0');
      await chain.refused(auditor, 'NOT_FOUND', tx.audit.getRecordHistory, 'PAT1REC1');
    });
  });

  describe('GetConsentHistory', () => {
    it('returns every state the consent went through, to each party and auditors', async () => {
      const granted = await requestAndGrant(chain, doctor, patient, ALL, 'read');
      await chain.ok(patient, tx.consents.revokeAccess, granted.consentId);
      for (const caller of [patient, doctor, auditor]) {
        const history = await chain.ok(caller, tx.audit.getConsentHistory, granted.consentId);
        expect(history.map((entry) => entry.value?.status)).to.deep.equal([
          'REVOKED',
          'GRANTED',
          'PENDING',
        ]);
      }
    });

    it('refuses others with FORBIDDEN and unknown consents with NOT_FOUND', async () => {
      const granted = await requestAndGrant(chain, doctor, patient, ALL, 'read');
      await chain.refused(
        person('doctor', 'DOC3', HOSPITAL_B),
        'FORBIDDEN(NOT_YOURS)',
        tx.audit.getConsentHistory,
        granted.consentId,
      );
      await chain.refused(adminA, 'FORBIDDEN(ROLE)', tx.audit.getConsentHistory, granted.consentId);
      await chain.refused(auditor, 'NOT_FOUND', tx.audit.getConsentHistory, `CON${'a'.repeat(64)}`);
    });
  });

  describe('VerifyRecordHash', () => {
    it("matches only the current version's hash", async () => {
      await chain.ok(patient, tx.records.updateRecord, 'PAT1REC0', 'cardiac', sha256('v2'), '1');
      expect(
        await chain.ok(auditor, tx.audit.verifyRecordHash, 'PAT1REC0', sha256('v2')),
      ).to.deep.equal({
        recordId: 'PAT1REC0',
        version: 2,
        status: 'ACTIVE',
        matches: true,
      });
      const stale = await chain.ok(patient, tx.audit.verifyRecordHash, 'PAT1REC0', sha256('v1'));
      expect(stale.matches).to.equal(false);
    });

    it('refuses doctors with FORBIDDEN, unknown records with NOT_FOUND, bad hashes with INVALID_ARGUMENT', async () => {
      await chain.refused(
        doctor,
        'FORBIDDEN(NOT_YOURS)',
        tx.audit.verifyRecordHash,
        'PAT1REC0',
        sha256('v1'),
      );
      await chain.refused(
        auditor,
        'NOT_FOUND',
        tx.audit.verifyRecordHash,
        'PAT1REC4',
        sha256('v1'),
      );
      await chain.refused(auditor, 'INVALID_ARGUMENT', tx.audit.verifyRecordHash, 'PAT1REC0', 'v1');
    });
  });

  describe('ListAllRecords', () => {
    it("pages through every patient's records in key order, deleted ones included", async () => {
      const other = person('patient', 'PAT2');
      await createRecord(chain, other, 'PAT2', 'dentistry', 'p2 v1');
      await createRecord(chain, patient, 'PAT1', 'dermatology', 'v1 second');
      await chain.ok(patient, tx.records.deleteRecord, 'PAT1REC1');
      const first = await chain.ok(auditor, tx.audit.listAllRecords, '2', '');
      expect(first.items.map((r) => r.recordId)).to.deep.equal(['PAT1REC0', 'PAT1REC1']);
      expect(first.items[1]?.status).to.equal('DELETED');
      const second = await chain.ok(auditor, tx.audit.listAllRecords, '2', first.bookmark);
      expect(second.items.map((r) => r.recordId)).to.deep.equal(['PAT2REC0']);
      expect(second.items[0]?.contentHash).to.equal(sha256('p2 v1'));
    });

    it('is for auditors only: patients and doctors are refused for their role', async () => {
      await chain.refused(patient, 'FORBIDDEN(ROLE)', tx.audit.listAllRecords, '', '');
      await chain.refused(doctor, 'FORBIDDEN(ROLE)', tx.audit.listAllRecords, '', '');
      await chain.refused(adminA, 'FORBIDDEN(ROLE)', tx.audit.listAllRecords, '', '');
    });
  });
});

import { transactions as tx, type ConsentView } from '@patrec/contract';
import { MAX_EMERGENCIES_PER_DAY } from '@patrec/contract/core';
import { expect } from 'chai';
import {
  adminA,
  adminB,
  ALL,
  auditor,
  categories,
  createRecord,
  DAY,
  records,
  registerDoctor,
  registerPatient,
  request,
  requestAndGrant,
  share,
} from '../test-support/scenario';
import {
  compositeKey,
  HOSPITAL_A,
  HOSPITAL_B,
  person,
  sha256,
  TestChain,
  type Identity,
} from '../test-support/test-chain';

const REASON = sha256('unconscious on arrival, allergy history needed');
const duration = (seconds: number) => String(seconds);
/** Seconds from a ledger time to the next midnight, UTC. */
const secondsToNextUtcDay = (at: string) =>
  Math.ceil((Date.UTC(...utcDate(at)) + 86_400_000 - Date.parse(at)) / 1000);
const utcDate = (at: string): [number, number, number] => {
  const day = new Date(at);
  return [day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()];
};

describe('ConsentContract', () => {
  let chain: TestChain;
  let patient: Identity;
  let doctor: Identity;
  let otherDoctor: Identity;

  beforeEach(async () => {
    chain = new TestChain();
    patient = await registerPatient(chain, 'PAT1');
    await registerPatient(chain, 'PAT2');
    doctor = await registerDoctor(chain, 'DOC1');
    await registerDoctor(chain, 'DOC2', { verified: false });
    otherDoctor = await registerDoctor(chain, 'DOC3', { mspId: HOSPITAL_B });
    await createRecord(chain, patient, 'PAT1', 'cardiac');
    await createRecord(chain, patient, 'PAT1', 'dentistry');
    await createRecord(chain, person('patient', 'PAT2'), 'PAT2', 'cardiac');
  });

  describe('RequestAccess', () => {
    it('records a PENDING request under an ID derived from the transaction', async () => {
      const at = chain.ledger.now;
      const call = await chain.call(
        doctor,
        tx.consents.requestAccess,
        'PAT1',
        categories('dentistry', 'cardiac'),
        'read',
        'second-opinion',
        duration(7 * DAY),
      );
      const consent = JSON.parse(call.output ?? '') as ConsentView;
      expect(consent).to.deep.equal({
        consentId: `CON${call.txId}`,
        patientId: 'PAT1',
        doctorId: 'DOC1',
        origin: 'request',
        status: 'PENDING',
        effectiveStatus: 'PENDING',
        scope: { categories: ['cardiac', 'dentistry'] },
        permission: 'read',
        durationSeconds: 7 * DAY,
        purpose: 'second-opinion',
        reasonHash: null,
        createdAt: at,
        decidedAt: null,
        expiresAt: null,
        revokedAt: null,
      });
      const keys = chain.ledger.keys();
      expect(keys).to.include.members([
        compositeKey('consent', consent.consentId),
        compositeKey('consentByPatient', 'PAT1', at, consent.consentId),
        compositeKey('consentByDoctor', 'DOC1', at, consent.consentId),
        compositeKey('consentByPair', 'PAT1', 'DOC1', consent.consentId),
      ]);
      expect(chain.ledger.events.at(-1)).to.deep.include({
        name: 'AccessRequested',
        payload: { consentId: consent.consentId, patientId: 'PAT1', doctorId: 'DOC1' },
      });
    });

    it('lets a doctor of another hospital ask', async () => {
      const consent = await request(chain, otherDoctor, 'PAT1', ALL, 'read');
      expect(consent.status).to.equal('PENDING');
    });

    it('refuses a second open request to the same patient with CONFLICT', async () => {
      const first = await request(chain, doctor, 'PAT1', ALL, 'read');
      await chain.refused(
        doctor,
        'CONFLICT',
        tx.consents.requestAccess,
        'PAT1',
        ALL,
        'read',
        'treatment',
        duration(DAY),
      );
      await chain.ok(patient, tx.consents.rejectAccess, first.consentId);
      await request(chain, doctor, 'PAT1', ALL, 'read');
    });

    it("refuses a scope naming another patient's record with INVALID_ARGUMENT", async () => {
      await chain.refused(
        doctor,
        'INVALID_ARGUMENT',
        tx.consents.requestAccess,
        'PAT1',
        records('PAT1REC0', 'PAT2REC0'),
        'read',
        'treatment',
        duration(DAY),
      );
    });

    it('answers a scope naming an unknown or deleted record with NOT_FOUND', async () => {
      const ask = (scope: string) =>
        chain.refused(
          doctor,
          'NOT_FOUND',
          tx.consents.requestAccess,
          'PAT1',
          scope,
          'read',
          'treatment',
          duration(DAY),
        );
      await ask(records('PAT1REC5'));
      await chain.ok(patient, tx.records.deleteRecord, 'PAT1REC1');
      await ask(records('PAT1REC1'));
    });

    it('answers a request to an unregistered patient with NOT_FOUND', async () => {
      await chain.refused(
        doctor,
        'NOT_FOUND',
        tx.consents.requestAccess,
        'PAT9',
        ALL,
        'read',
        'treatment',
        duration(DAY),
      );
    });

    const refusedCallers = [
      ['an unverified doctor', person('doctor', 'DOC2'), 'FORBIDDEN(UNVERIFIED)'],
      ['a patient', person('patient', 'PAT2'), 'FORBIDDEN(ROLE)'],
      ['an admin', adminA, 'FORBIDDEN(ROLE)'],
      ['an auditor', auditor, 'FORBIDDEN(ROLE)'],
    ] as const;
    for (const [who, caller, refusal] of refusedCallers) {
      it(`refuses ${who} with ${refusal}`, async () => {
        await chain.refused(
          caller,
          refusal,
          tx.consents.requestAccess,
          'PAT1',
          ALL,
          'read',
          'treatment',
          duration(DAY),
        );
      });
    }

    const badScopes = [
      ['text that is not JSON', 'everything'],
      ['a list', '["cardiac"]'],
      ['two kinds at once', '{"all":true,"categories":["cardiac"]}'],
      ['no kind', '{}'],
      ['all: false', '{"all":false}'],
      ['an empty category list', '{"categories":[]}'],
      ['an unknown category', '{"categories":["oncology"]}'],
      ['a repeated category', '{"categories":["cardiac","cardiac"]}'],
      ['categories that are not strings', '{"categories":[1]}'],
      ['a malformed record ID', '{"records":["PAT1-REC0"]}'],
      ['an unknown kind', '{"everything":true}'],
      ['an oversized scope', JSON.stringify({ records: Array(600).fill('PAT1REC0') })],
    ] as const;
    for (const [what, scope] of badScopes) {
      it(`refuses a scope with ${what} with INVALID_ARGUMENT`, async () => {
        await chain.refused(
          doctor,
          'INVALID_ARGUMENT',
          tx.consents.requestAccess,
          'PAT1',
          scope,
          'read',
          'treatment',
          duration(DAY),
        );
      });
    }

    const badTerms = [
      ['an unknown permission', ['write', 'treatment', duration(DAY)]],
      ['an unknown purpose', ['read', 'curiosity', duration(DAY)]],
      ['free text as purpose', ['read', 'patient has HIV, need history', duration(DAY)]],
      ['a duration under a minute', ['read', 'treatment', '59']],
      ['a duration over a year', ['read', 'treatment', duration(365 * DAY + 1)]],
      ['a duration that is not a number', ['read', 'treatment', '1d']],
    ] as const;
    for (const [what, [permission, purpose, seconds]] of badTerms) {
      it(`refuses ${what} with INVALID_ARGUMENT`, async () => {
        await chain.refused(
          doctor,
          'INVALID_ARGUMENT',
          tx.consents.requestAccess,
          'PAT1',
          ALL,
          permission,
          purpose,
          seconds,
        );
      });
    }
  });

  describe('GrantAccess', () => {
    const grant = (consentId: string, scope = '', permission = '', seconds = '') =>
      chain.call(patient, tx.consents.grantAccess, consentId, scope, permission, seconds);

    it('grants what was asked, expiring after the requested duration', async () => {
      const pending = await request(chain, doctor, 'PAT1', ALL, 'read-write', 3 * DAY);
      const at = chain.ledger.now;
      const granted = await chain.ok(
        patient,
        tx.consents.grantAccess,
        pending.consentId,
        '',
        '',
        '',
      );
      expect(granted).to.deep.equal({
        ...pending,
        status: 'GRANTED',
        effectiveStatus: 'GRANTED',
        decidedAt: at,
        expiresAt: new Date(Date.parse(at) + 3 * DAY * 1000).toISOString(),
      });
      expect(chain.ledger.events.at(-1)?.name).to.equal('AccessGranted');
    });

    it('may narrow the scope, the permission and the duration', async () => {
      const pending = await request(
        chain,
        doctor,
        'PAT1',
        categories('cardiac', 'dentistry'),
        'read-write',
        3 * DAY,
      );
      const granted = await chain.ok(
        patient,
        tx.consents.grantAccess,
        pending.consentId,
        records('PAT1REC0'),
        'read',
        duration(DAY),
      );
      expect(granted).to.include({ permission: 'read', durationSeconds: DAY });
      expect(granted.scope).to.deep.equal({ records: ['PAT1REC0'] });
    });

    const narrowing = [
      [ALL, categories('cardiac'), true],
      [ALL, records('PAT1REC1'), true],
      [categories('cardiac', 'dentistry'), categories('dentistry'), true],
      [categories('cardiac'), records('PAT1REC0'), true],
      [categories('cardiac'), records('PAT1REC1'), false],
      [categories('cardiac'), ALL, false],
      [categories('cardiac'), categories('cardiac', 'dentistry'), false],
      [records('PAT1REC0', 'PAT1REC1'), records('PAT1REC1'), true],
      [records('PAT1REC0'), records('PAT1REC0', 'PAT1REC1'), false],
      [records('PAT1REC0'), categories('cardiac'), false],
    ] as const;
    for (const [asked, given, allowed] of narrowing) {
      it(`${allowed ? 'accepts' : 'refuses with INVALID_ARGUMENT'} granting ${given} for a request of ${asked}`, async () => {
        const pending = await request(chain, doctor, 'PAT1', asked, 'read');
        const call = await grant(pending.consentId, given);
        if (allowed) expect(call.error).to.equal(undefined);
        else
          expect((call.error as Error).message).to.match(
            /^INVALID_ARGUMENT: scope may only narrow/,
          );
      });
    }

    it('refuses widening read to read-write with INVALID_ARGUMENT', async () => {
      const pending = await request(chain, doctor, 'PAT1', ALL, 'read');
      await chain.refused(
        patient,
        'INVALID_ARGUMENT',
        tx.consents.grantAccess,
        pending.consentId,
        '',
        'read-write',
        '',
      );
    });

    it('refuses lengthening the duration with INVALID_ARGUMENT', async () => {
      const pending = await request(chain, doctor, 'PAT1', ALL, 'read', DAY);
      await chain.refused(
        patient,
        'INVALID_ARGUMENT',
        tx.consents.grantAccess,
        pending.consentId,
        '',
        '',
        duration(2 * DAY),
      );
    });

    it('refuses a consent that is no longer pending with CONFLICT', async () => {
      const granted = await requestAndGrant(chain, doctor, patient, ALL, 'read');
      await chain.refused(
        patient,
        'CONFLICT',
        tx.consents.grantAccess,
        granted.consentId,
        '',
        '',
        '',
      );
    });

    it('refuses another patient and the requesting doctor with FORBIDDEN', async () => {
      const pending = await request(chain, doctor, 'PAT1', ALL, 'read');
      await chain.refused(
        person('patient', 'PAT2'),
        'FORBIDDEN(NOT_YOURS)',
        tx.consents.grantAccess,
        pending.consentId,
        '',
        '',
        '',
      );
      await chain.refused(
        doctor,
        'FORBIDDEN(ROLE)',
        tx.consents.grantAccess,
        pending.consentId,
        '',
        '',
        '',
      );
    });

    it('answers an unknown consent with NOT_FOUND', async () => {
      await chain.refused(
        patient,
        'NOT_FOUND',
        tx.consents.grantAccess,
        `CON${'0'.repeat(64)}`,
        '',
        '',
        '',
      );
    });
  });

  describe('RejectAccess', () => {
    it('closes a pending request as REJECTED', async () => {
      const pending = await request(chain, doctor, 'PAT1', ALL, 'read');
      const rejected = await chain.ok(patient, tx.consents.rejectAccess, pending.consentId);
      expect(rejected).to.include({ status: 'REJECTED', expiresAt: null });
      expect(chain.ledger.events.at(-1)?.name).to.equal('AccessRejected');
      await chain.refused(patient, 'CONFLICT', tx.consents.rejectAccess, pending.consentId);
    });

    it('refuses the doctor with FORBIDDEN', async () => {
      const pending = await request(chain, doctor, 'PAT1', ALL, 'read');
      await chain.refused(doctor, 'FORBIDDEN(ROLE)', tx.consents.rejectAccess, pending.consentId);
    });
  });

  describe('ShareWith', () => {
    it('grants a doctor access without a request', async () => {
      const at = chain.ledger.now;
      const shared = await share(chain, patient, 'DOC3', categories('cardiac'), 'read', DAY);
      expect(shared).to.include({
        origin: 'share',
        status: 'GRANTED',
        doctorId: 'DOC3',
        purpose: null,
        decidedAt: at,
        expiresAt: new Date(Date.parse(at) + DAY * 1000).toISOString(),
      });
      expect(chain.ledger.events.at(-1)?.name).to.equal('AccessShared');
    });

    it('answers an unregistered doctor with NOT_FOUND', async () => {
      await chain.refused(
        patient,
        'NOT_FOUND',
        tx.consents.shareWith,
        'DOC9',
        ALL,
        'read',
        duration(DAY),
      );
    });

    it("refuses sharing another patient's record with INVALID_ARGUMENT", async () => {
      await chain.refused(
        patient,
        'INVALID_ARGUMENT',
        tx.consents.shareWith,
        'DOC1',
        records('PAT2REC0'),
        'read',
        duration(DAY),
      );
    });

    it("refuses a doctor sharing on a patient's behalf with FORBIDDEN", async () => {
      await chain.refused(
        doctor,
        'FORBIDDEN(ROLE)',
        tx.consents.shareWith,
        'DOC1',
        ALL,
        'read',
        duration(DAY),
      );
    });
  });

  describe('RevokeAccess', () => {
    it('ends a grant for the very next transaction', async () => {
      const granted = await share(chain, patient, 'DOC1', ALL, 'read');
      await chain.ok(doctor, tx.access.accessRecord, 'PAT1REC0', '');
      const revoked = await chain.ok(patient, tx.consents.revokeAccess, granted.consentId);
      expect(revoked).to.include({ status: 'REVOKED', effectiveStatus: 'REVOKED' });
      expect(chain.ledger.events.at(-1)?.name).to.equal('AccessRevoked');
      await chain.refused(doctor, 'FORBIDDEN(REVOKED)', tx.access.accessRecord, 'PAT1REC0', '');
    });

    it('refuses revoking a pending, rejected or revoked consent with CONFLICT', async () => {
      const pending = await request(chain, doctor, 'PAT1', ALL, 'read');
      await chain.refused(patient, 'CONFLICT', tx.consents.revokeAccess, pending.consentId);
      const granted = await share(chain, patient, 'DOC3', ALL, 'read');
      await chain.ok(patient, tx.consents.revokeAccess, granted.consentId);
      await chain.refused(patient, 'CONFLICT', tx.consents.revokeAccess, granted.consentId);
    });

    it('refuses revoking a grant that has already expired with EXPIRED', async () => {
      const granted = await share(chain, patient, 'DOC1', ALL, 'read', 3600);
      chain.ledger.advance(3600);
      await chain.refused(patient, 'EXPIRED', tx.consents.revokeAccess, granted.consentId);
    });

    it('lets the patient revoke an emergency grant', async () => {
      const emergency = await chain.ok(doctor, tx.consents.emergencyAccess, 'PAT1', REASON, '');
      await chain.ok(patient, tx.consents.revokeAccess, emergency.consentId);
      await chain.refused(doctor, 'FORBIDDEN(REVOKED)', tx.access.accessRecord, 'PAT1REC0', '');
    });

    it('refuses the doctor and other patients with FORBIDDEN', async () => {
      const granted = await share(chain, patient, 'DOC1', ALL, 'read');
      await chain.refused(doctor, 'FORBIDDEN(ROLE)', tx.consents.revokeAccess, granted.consentId);
      await chain.refused(
        person('patient', 'PAT2'),
        'FORBIDDEN(NOT_YOURS)',
        tx.consents.revokeAccess,
        granted.consentId,
      );
    });
  });

  describe('EmergencyAccess', () => {
    it('grants read on everything for 24 hours, flagged and with the reason only as a hash', async () => {
      const at = chain.ledger.now;
      const emergency = await chain.ok(doctor, tx.consents.emergencyAccess, 'PAT1', REASON, '');
      expect(emergency).to.include({
        origin: 'emergency',
        status: 'GRANTED',
        permission: 'read',
        durationSeconds: DAY,
        reasonHash: REASON,
        crossHospital: false,
        expiresAt: new Date(Date.parse(at) + DAY * 1000).toISOString(),
      });
      expect(emergency.scope).to.deep.equal({ all: true });
      expect(chain.ledger.events.at(-1)).to.deep.include({
        name: 'EmergencyAccessGranted',
        payload: {
          consentId: emergency.consentId,
          patientId: 'PAT1',
          doctorId: 'DOC1',
          mspId: HOSPITAL_A,
        },
      });
    });

    it('is usable until just before 24 h and EXPIRED from then on', async () => {
      await chain.ok(doctor, tx.consents.emergencyAccess, 'PAT1', REASON, '');
      chain.ledger.advance(DAY - 1);
      const read = await chain.ok(doctor, tx.access.accessRecord, 'PAT1REC0', '');
      expect(read.access.emergency).to.equal(true);
      chain.ledger.advance(1);
      await chain.refused(doctor, 'EXPIRED', tx.access.accessRecord, 'PAT1REC0', '');
    });

    it('honours a shorter duration and refuses one over 24 h with INVALID_ARGUMENT', async () => {
      const short = await chain.ok(doctor, tx.consents.emergencyAccess, 'PAT1', REASON, '3600');
      expect(short.durationSeconds).to.equal(3600);
      await chain.refused(
        otherDoctor,
        'INVALID_ARGUMENT',
        tx.consents.emergencyAccess,
        'PAT1',
        REASON,
        duration(DAY + 1),
      );
    });

    it('refuses a second emergency while one is active with CONFLICT, allows one after', async () => {
      await chain.ok(doctor, tx.consents.emergencyAccess, 'PAT1', REASON, '3600');
      await chain.refused(doctor, 'CONFLICT', tx.consents.emergencyAccess, 'PAT1', REASON, '');
      chain.ledger.advance(3600);
      await chain.ok(doctor, tx.consents.emergencyAccess, 'PAT1', REASON, '');
    });

    it('marks an emergency declared by a doctor of another hospital than the patient’s', async () => {
      const local = await chain.ok(doctor, tx.consents.emergencyAccess, 'PAT1', REASON, '');
      const foreign = await chain.ok(otherDoctor, tx.consents.emergencyAccess, 'PAT1', REASON, '');
      expect([local.crossHospital, foreign.crossHospital]).to.deep.equal([false, true]);
      const listed = await chain.ok(auditor, tx.consents.listEmergencyGrants, '', '');
      expect(listed.items.map((consent) => consent.crossHospital)).to.deep.equal([false, true]);
      const revoked = await chain.ok(patient, tx.consents.revokeAccess, foreign.consentId);
      expect(revoked).to.include({ status: 'REVOKED', crossHospital: true });
    });

    it(`allows a doctor ${MAX_EMERGENCIES_PER_DAY} emergencies a day (UTC), refusing more with FORBIDDEN(EMERGENCY_LIMIT)`, async () => {
      // From the start of a day, so that every declaration below falls in it.
      chain.ledger.advance(secondsToNextUtcDay(chain.ledger.now));
      for (let n = 0; n < MAX_EMERGENCIES_PER_DAY; n += 1) {
        await chain.ok(doctor, tx.consents.emergencyAccess, 'PAT1', REASON, '60');
        chain.ledger.advance(60);
      }
      const refusal = await chain.refused(
        doctor,
        'FORBIDDEN(EMERGENCY_LIMIT)',
        tx.consents.emergencyAccess,
        'PAT2',
        REASON,
        '',
      );
      expect(refusal).to.contain(`${MAX_EMERGENCIES_PER_DAY} emergencies today (UTC)`);
      // Another doctor is not held back by it, and the next day the doctor may declare again.
      await chain.ok(otherDoctor, tx.consents.emergencyAccess, 'PAT2', REASON, '');
      chain.ledger.advance(secondsToNextUtcDay(chain.ledger.now));
      await chain.ok(doctor, tx.consents.emergencyAccess, 'PAT2', REASON, '');
    });

    it("is visible to the admins of the doctor's hospital, who read no other consent", async () => {
      const emergency = await chain.ok(
        otherDoctor,
        tx.consents.emergencyAccess,
        'PAT1',
        REASON,
        '',
      );
      const read = await chain.ok(adminB, tx.consents.getConsent, emergency.consentId);
      expect(read).to.include({ consentId: emergency.consentId, crossHospital: true });
      await chain.refused(
        adminA,
        'FORBIDDEN(WRONG_HOSPITAL)',
        tx.consents.getConsent,
        emergency.consentId,
      );
      const requested = await request(chain, otherDoctor, 'PAT1', ALL, 'read');
      await chain.refused(adminB, 'FORBIDDEN(ROLE)', tx.consents.getConsent, requested.consentId);
    });

    it('is visible to the patient and to auditors', async () => {
      const emergency = await chain.ok(doctor, tx.consents.emergencyAccess, 'PAT1', REASON, '');
      const mine = await chain.ok(patient, tx.consents.listPatientConsents, 'PAT1', '', '');
      expect(mine.items.map((consent) => [consent.consentId, consent.origin])).to.deep.equal([
        [emergency.consentId, 'emergency'],
      ]);
      const audited = await chain.ok(auditor, tx.consents.listEmergencyGrants, '', '');
      expect(audited.items.map((consent) => consent.consentId)).to.deep.equal([
        emergency.consentId,
      ]);
    });

    it('refuses an unverified doctor and a patient with FORBIDDEN', async () => {
      await chain.refused(
        person('doctor', 'DOC2'),
        'FORBIDDEN(UNVERIFIED)',
        tx.consents.emergencyAccess,
        'PAT1',
        REASON,
        '',
      );
      await chain.refused(
        person('patient', 'PAT2'),
        'FORBIDDEN(ROLE)',
        tx.consents.emergencyAccess,
        'PAT1',
        REASON,
        '',
      );
    });

    it('refuses a reason given as text instead of its hash with INVALID_ARGUMENT', async () => {
      await chain.refused(
        doctor,
        'INVALID_ARGUMENT',
        tx.consents.emergencyAccess,
        'PAT1',
        'car accident',
        '',
      );
    });
  });

  describe('GetConsent and the lists', () => {
    it('shows a consent to its patient, its doctor and auditors, refusing others', async () => {
      const granted = await share(chain, patient, 'DOC1', ALL, 'read');
      for (const caller of [patient, doctor, auditor]) {
        const consent = await chain.ok(caller, tx.consents.getConsent, granted.consentId);
        expect(consent.consentId).to.equal(granted.consentId);
      }
      await chain.refused(
        otherDoctor,
        'FORBIDDEN(NOT_YOURS)',
        tx.consents.getConsent,
        granted.consentId,
      );
      await chain.refused(
        person('patient', 'PAT2'),
        'FORBIDDEN(NOT_YOURS)',
        tx.consents.getConsent,
        granted.consentId,
      );
      await chain.refused(adminA, 'FORBIDDEN(ROLE)', tx.consents.getConsent, granted.consentId);
    });

    it('reports a lapsed grant as EXPIRED while its stored status stays GRANTED', async () => {
      const granted = await share(chain, patient, 'DOC1', ALL, 'read', 3600);
      chain.ledger.advance(3600);
      const consent = await chain.ok(patient, tx.consents.getConsent, granted.consentId);
      expect(consent).to.include({ status: 'GRANTED', effectiveStatus: 'EXPIRED' });
    });

    it("lists a patient's consents in every state, oldest first, page by page", async () => {
      const made = [
        (await request(chain, doctor, 'PAT1', ALL, 'read')).consentId,
        (await share(chain, patient, 'DOC3', ALL, 'read')).consentId,
        (await request(chain, otherDoctor, 'PAT1', ALL, 'read')).consentId,
      ];
      await chain.ok(patient, tx.consents.rejectAccess, made[0] ?? '');
      const first = await chain.ok(patient, tx.consents.listPatientConsents, 'PAT1', '2', '');
      const second = await chain.ok(
        patient,
        tx.consents.listPatientConsents,
        'PAT1',
        '2',
        first.bookmark,
      );
      expect(second.bookmark).to.equal('');
      const listed = [...first.items, ...second.items];
      expect(listed.map((consent) => consent.consentId)).to.deep.equal(made);
      expect(listed.map((consent) => consent.effectiveStatus)).to.deep.equal([
        'REJECTED',
        'GRANTED',
        'PENDING',
      ]);
    });

    it("refuses another patient's consent list with FORBIDDEN and lets auditors read it", async () => {
      await share(chain, patient, 'DOC1', ALL, 'read');
      await chain.refused(
        person('patient', 'PAT2'),
        'FORBIDDEN(NOT_YOURS)',
        tx.consents.listPatientConsents,
        'PAT1',
        '',
        '',
      );
      const audited = await chain.ok(auditor, tx.consents.listPatientConsents, 'PAT1', '', '');
      expect(audited.items).to.have.lengthOf(1);
    });

    it("lists a doctor's own consents only", async () => {
      await share(chain, patient, 'DOC1', ALL, 'read');
      await share(chain, patient, 'DOC3', ALL, 'read');
      const own = await chain.ok(doctor, tx.consents.listDoctorConsents, 'DOC1', '', '');
      expect(own.items.map((consent) => consent.doctorId)).to.deep.equal(['DOC1']);
      await chain.refused(
        doctor,
        'FORBIDDEN(NOT_YOURS)',
        tx.consents.listDoctorConsents,
        'DOC3',
        '',
        '',
      );
      await chain.refused(
        patient,
        'FORBIDDEN(ROLE)',
        tx.consents.listDoctorConsents,
        'DOC1',
        '',
        '',
      );
    });

    it('lists the consents between one patient and one doctor, for either of them', async () => {
      await share(chain, patient, 'DOC1', ALL, 'read');
      await share(chain, patient, 'DOC3', ALL, 'read');
      await share(chain, patient, 'DOC1', categories('cardiac'), 'read-write');
      for (const caller of [patient, doctor]) {
        const pair = await chain.ok(caller, tx.consents.listPairConsents, 'PAT1', 'DOC1', '', '');
        expect(
          pair.items.map((c) => [c.doctorId, c.effectiveStatus, c.permission]),
        ).to.have.deep.members([
          ['DOC1', 'GRANTED', 'read'],
          ['DOC1', 'GRANTED', 'read-write'],
        ]);
      }
      await chain.refused(
        doctor,
        'FORBIDDEN(NOT_YOURS)',
        tx.consents.listPairConsents,
        'PAT1',
        'DOC3',
        '',
        '',
      );
    });

    it('lets an unverified doctor list their own (empty) consents', async () => {
      const own = await chain.ok(
        person('doctor', 'DOC2'),
        tx.consents.listDoctorConsents,
        'DOC2',
        '',
        '',
      );
      expect(own).to.deep.equal({ items: [], bookmark: '' });
    });

    it('refuses emergency lists to anyone but auditors with FORBIDDEN', async () => {
      for (const caller of [patient, doctor, adminA]) {
        await chain.refused(caller, 'FORBIDDEN(ROLE)', tx.consents.listEmergencyGrants, '', '');
      }
    });
  });
});

import { transactions as tx } from '@patrec/contract';
import { expect } from 'chai';
import { adminA, adminB, auditor, registerDoctor, registerPatient } from '../test-support/scenario';
import {
  compositeKey,
  HOSPITAL_A,
  HOSPITAL_B,
  person,
  stateOf,
  TestChain,
} from '../test-support/test-chain';

describe('ParticipantContract', () => {
  let chain: TestChain;
  beforeEach(() => {
    chain = new TestChain();
  });

  describe('RegisterSelf', () => {
    it('registers a patient as ACTIVE with the MSP and ID of the certificate', async () => {
      const at = chain.ledger.now;
      const participant = await chain.ok(
        person('patient', 'PAT177', HOSPITAL_B),
        tx.participants.registerSelf,
      );
      expect(participant).to.deep.equal({
        participantId: 'PAT177',
        role: 'patient',
        mspId: HOSPITAL_B,
        status: 'ACTIVE',
        registeredAt: at,
        updatedAt: at,
        updatedBy: 'PAT177',
      });
      expect(stateOf(chain, compositeKey('participant', 'PAT177'))).to.deep.equal(participant);
      expect(chain.ledger.events.at(-1)).to.include({ name: 'ParticipantRegistered' });
      expect(chain.ledger.events.at(-1)?.payload).to.deep.equal({
        participantId: 'PAT177',
        mspId: HOSPITAL_B,
      });
    });

    it('registers a doctor as UNVERIFIED and indexes them for their hospital admin', async () => {
      const doctor = await chain.ok(person('doctor', 'DOC140'), tx.participants.registerSelf);
      expect(doctor.status).to.equal('UNVERIFIED');
      expect(chain.ledger.keys()).to.include(
        compositeKey('doctorByMsp', HOSPITAL_A, 'UNVERIFIED', 'DOC140'),
      );
    });

    it('refuses a second registration of the same ID with CONFLICT', async () => {
      await registerPatient(chain, 'PAT1');
      await chain.refused(person('patient', 'PAT1'), 'CONFLICT', tx.participants.registerSelf);
    });

    it('refuses the same ID from another hospital with CONFLICT', async () => {
      await registerPatient(chain, 'PAT1', HOSPITAL_A);
      await chain.refused(
        person('patient', 'PAT1', HOSPITAL_B),
        'CONFLICT',
        tx.participants.registerSelf,
      );
    });

    for (const role of ['admin', 'auditor'] as const) {
      it(`refuses an ${role} with FORBIDDEN: their certificate is their standing`, async () => {
        const id = role === 'admin' ? 'ADM1' : 'AUD1';
        await chain.refused(person(role, id), 'FORBIDDEN(ROLE)', tx.participants.registerSelf);
      });
    }

    const badCertificates = [
      ['no attributes', { mspId: HOSPITAL_A, attributes: {} }],
      ['an unknown role', { mspId: HOSPITAL_A, attributes: { role: 'nurse', patrecId: 'PAT1' } }],
      ['no patrecId', { mspId: HOSPITAL_A, attributes: { role: 'patient' } }],
      [
        'an ID that does not fit the role',
        { mspId: HOSPITAL_A, attributes: { role: 'patient', patrecId: 'DOC1' } },
      ],
      [
        'a malformed ID',
        { mspId: HOSPITAL_A, attributes: { role: 'patient', patrecId: 'PAT1; DROP' } },
      ],
      ['no MSP', { mspId: '', attributes: { role: 'patient', patrecId: 'PAT1' } }],
    ] as const;
    for (const [what, identity] of badCertificates) {
      it(`refuses a certificate with ${what} with FORBIDDEN`, async () => {
        await chain.refused(
          { mspId: identity.mspId, attributes: { ...identity.attributes } },
          'FORBIDDEN(CERTIFICATE)',
          tx.participants.registerSelf,
        );
      });
    }
  });

  describe('VerifyDoctor and SuspendDoctor', () => {
    beforeEach(async () => {
      await registerDoctor(chain, 'DOC1', { verified: false });
    });

    it('lets an admin of the same hospital verify, moving the index entry', async () => {
      const doctor = await chain.ok(adminA, tx.participants.verifyDoctor, 'DOC1');
      expect(doctor).to.include({ status: 'VERIFIED', updatedBy: 'ADM1' });
      const keys = chain.ledger.keys();
      expect(keys).to.include(compositeKey('doctorByMsp', HOSPITAL_A, 'VERIFIED', 'DOC1'));
      expect(keys).not.to.include(compositeKey('doctorByMsp', HOSPITAL_A, 'UNVERIFIED', 'DOC1'));
      expect(chain.ledger.events.at(-1)).to.deep.include({
        name: 'DoctorVerified',
        payload: { doctorId: 'DOC1', adminId: 'ADM1', mspId: HOSPITAL_A },
      });
    });

    it('lets the admin suspend and verify again', async () => {
      await chain.ok(adminA, tx.participants.verifyDoctor, 'DOC1');
      const suspended = await chain.ok(adminA, tx.participants.suspendDoctor, 'DOC1');
      expect(suspended.status).to.equal('SUSPENDED');
      expect(chain.ledger.events.at(-1)?.name).to.equal('DoctorSuspended');
      const reinstated = await chain.ok(adminA, tx.participants.verifyDoctor, 'DOC1');
      expect(reinstated.status).to.equal('VERIFIED');
      expect(
        chain.ledger.keys().filter((key) => key.startsWith(compositeKey('doctorByMsp'))),
      ).to.deep.equal([compositeKey('doctorByMsp', HOSPITAL_A, 'VERIFIED', 'DOC1')]);
    });

    it('refuses an admin of another hospital with FORBIDDEN', async () => {
      await chain.refused(
        adminB,
        'FORBIDDEN(WRONG_HOSPITAL)',
        tx.participants.verifyDoctor,
        'DOC1',
      );
      await chain.refused(
        adminB,
        'FORBIDDEN(WRONG_HOSPITAL)',
        tx.participants.suspendDoctor,
        'DOC1',
      );
    });

    it('refuses a doctor verifying themselves with FORBIDDEN', async () => {
      await chain.refused(
        person('doctor', 'DOC1'),
        'FORBIDDEN(ROLE)',
        tx.participants.verifyDoctor,
        'DOC1',
      );
    });

    it('refuses an unknown doctor with NOT_FOUND', async () => {
      await chain.refused(adminA, 'NOT_FOUND', tx.participants.verifyDoctor, 'DOC2');
    });

    it('refuses a change to the status the doctor already has with CONFLICT', async () => {
      await chain.ok(adminA, tx.participants.verifyDoctor, 'DOC1');
      await chain.refused(adminA, 'CONFLICT', tx.participants.verifyDoctor, 'DOC1');
      await chain.ok(adminA, tx.participants.suspendDoctor, 'DOC1');
      await chain.refused(adminA, 'CONFLICT', tx.participants.suspendDoctor, 'DOC1');
    });

    for (const bad of ['', 'PAT1', 'DOC', 'doc1', `DOC${'1'.repeat(13)}`, 'x'.repeat(300)]) {
      it(`refuses doctorId ${JSON.stringify(bad.slice(0, 20))} with INVALID_ARGUMENT`, async () => {
        await chain.refused(adminA, 'INVALID_ARGUMENT', tx.participants.verifyDoctor, bad);
      });
    }
  });

  describe('GetParticipant', () => {
    beforeEach(async () => {
      await registerPatient(chain, 'PAT1');
      await registerPatient(chain, 'PAT2');
      await registerDoctor(chain, 'DOC1');
      await registerDoctor(chain, 'DOC2', { verified: false });
      await registerDoctor(chain, 'DOC3', { mspId: HOSPITAL_B });
    });

    const allowed = [
      ['the patient themselves', person('patient', 'PAT1'), 'PAT1'],
      ['an auditor', auditor, 'PAT1'],
      ["an admin of the patient's hospital", adminA, 'PAT1'],
      ['a verified doctor finding a patient', person('doctor', 'DOC1'), 'PAT1'],
      ['a verified doctor of another hospital', person('doctor', 'DOC3', HOSPITAL_B), 'PAT1'],
      ['a patient checking a doctor', person('patient', 'PAT1'), 'DOC2'],
      ['an unverified doctor reading themselves', person('doctor', 'DOC2'), 'DOC2'],
    ] as const;
    for (const [who, caller, target] of allowed) {
      it(`lets ${who} read ${target}`, async () => {
        const participant = await chain.ok(caller, tx.participants.getParticipant, target);
        expect(participant.participantId).to.equal(target);
      });
    }

    const refused = [
      ['another patient', person('patient', 'PAT2'), 'PAT1', 'FORBIDDEN(NOT_YOURS)'],
      ['an unverified doctor', person('doctor', 'DOC2'), 'PAT1', 'FORBIDDEN(UNVERIFIED)'],
      ['an admin of another hospital', adminB, 'PAT1', 'FORBIDDEN(NOT_YOURS)'],
      [
        'a doctor looking up another doctor',
        person('doctor', 'DOC1'),
        'DOC3',
        'FORBIDDEN(NOT_YOURS)',
      ],
      [
        'a certificate for PAT1 from the wrong hospital',
        person('patient', 'PAT1', HOSPITAL_B),
        'PAT1',
        'FORBIDDEN(WRONG_HOSPITAL)',
      ],
    ] as const;
    for (const [who, caller, target, refusal] of refused) {
      it(`refuses ${who} with ${refusal}`, async () => {
        await chain.refused(caller, refusal, tx.participants.getParticipant, target);
      });
    }

    it('answers NOT_FOUND for an unregistered ID', async () => {
      await chain.refused(auditor, 'NOT_FOUND', tx.participants.getParticipant, 'PAT99');
    });

    it('refuses an admin or auditor ID with INVALID_ARGUMENT (they are not participants)', async () => {
      await chain.refused(auditor, 'INVALID_ARGUMENT', tx.participants.getParticipant, 'ADM1');
    });
  });

  describe('ListDoctors', () => {
    beforeEach(async () => {
      for (const id of ['DOC1', 'DOC2', 'DOC3']) await registerDoctor(chain, id);
      for (const id of ['DOC4', 'DOC5']) await registerDoctor(chain, id, { verified: false });
      await registerDoctor(chain, 'DOC6', { mspId: HOSPITAL_B, verified: false });
    });

    it("lists the admin's own hospital's doctors of one status", async () => {
      const page = await chain.ok(
        adminA,
        tx.participants.listDoctors,
        HOSPITAL_A,
        'UNVERIFIED',
        '',
        '',
      );
      expect(page.items.map((doctor) => doctor.participantId)).to.deep.equal(['DOC4', 'DOC5']);
      expect(page.bookmark).to.equal('');
    });

    it('pages through all statuses with bookmarks', async () => {
      const seen: string[] = [];
      let bookmark = '';
      let pages = 0;
      do {
        const page = await chain.ok(
          adminA,
          tx.participants.listDoctors,
          HOSPITAL_A,
          '',
          '2',
          bookmark,
        );
        seen.push(...page.items.map((doctor) => doctor.participantId));
        bookmark = page.bookmark;
        pages += 1;
      } while (bookmark !== '');
      expect(pages).to.equal(3);
      expect([...seen].sort()).to.deep.equal(['DOC1', 'DOC2', 'DOC3', 'DOC4', 'DOC5']);
    });

    it('lets an auditor list any hospital', async () => {
      const page = await chain.ok(auditor, tx.participants.listDoctors, HOSPITAL_B, '', '', '');
      expect(page.items.map((doctor) => doctor.participantId)).to.deep.equal(['DOC6']);
    });

    it("refuses an admin listing another hospital's doctors with FORBIDDEN", async () => {
      await chain.refused(
        adminB,
        'FORBIDDEN(WRONG_HOSPITAL)',
        tx.participants.listDoctors,
        HOSPITAL_A,
        '',
        '',
        '',
      );
    });

    it('refuses patients and doctors with FORBIDDEN', async () => {
      await registerPatient(chain, 'PAT1');
      await chain.refused(
        person('patient', 'PAT1'),
        'FORBIDDEN(ROLE)',
        tx.participants.listDoctors,
        HOSPITAL_A,
        '',
        '',
        '',
      );
      await chain.refused(
        person('doctor', 'DOC1'),
        'FORBIDDEN(ROLE)',
        tx.participants.listDoctors,
        HOSPITAL_A,
        '',
        '',
        '',
      );
    });

    it("refuses a bookmark forged to reach another hospital's doctors with INVALID_ARGUMENT", async () => {
      const elsewhere = compositeKey('doctorByMsp', HOSPITAL_B, 'UNVERIFIED', 'DOC6');
      const forged = Buffer.from(elsewhere).toString('base64url');
      await chain.refused(
        adminA,
        'INVALID_ARGUMENT',
        tx.participants.listDoctors,
        HOSPITAL_A,
        '',
        '',
        forged,
      );
    });

    const badArguments = [
      ['an unknown status', [HOSPITAL_A, 'ACTIVE', '', '']],
      ['a zero page size', [HOSPITAL_A, '', '0', '']],
      ['a page size over 100', [HOSPITAL_A, '', '101', '']],
      ['a fractional page size', [HOSPITAL_A, '', '2.5', '']],
      ['a bookmark that is not base64url', [HOSPITAL_A, '', '', 'a b']],
      ['a malformed MSP ID', ['Hospital A MSP', '', '', '']],
    ] as const;
    for (const [what, args] of badArguments) {
      it(`refuses ${what} with INVALID_ARGUMENT`, async () => {
        await chain.refused(adminA, 'INVALID_ARGUMENT', tx.participants.listDoctors, ...args);
      });
    }
  });
});

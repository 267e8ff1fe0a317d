import { allTransactions, transactions as tx, type TransactionDefinition } from '@patrec/contract';
import { expect } from 'chai';
import {
  adminA,
  ALL,
  auditor,
  createRecord,
  DAY,
  registerDoctor,
  registerPatient,
  request,
  share,
} from './test-support/scenario';
import { newReadSigner, registerReadKey, signRead, type ReadSigner } from './test-support/readers';
import {
  expectAllowed,
  expectDenied,
  HOSPITAL_A,
  person,
  sha256,
  TestChain,
  type Identity,
} from './test-support/test-chain';

/**
 * Every argument of every transaction, given a wrong type, a malformed value or an
 * oversized string, is refused with INVALID_ARGUMENT before anything is written. Each case
 * first shows that the same call with good arguments succeeds, so the refusal is the
 * argument's doing.
 */

const HASH = sha256('content');
const OVERSIZED = 'A'.repeat(5000);
// What the shim never sends but a direct caller could.
const WRONG_TYPES: unknown[] = [42, null, undefined, true, {}, ['PAT1']];

const BAD: Record<string, unknown[]> = {
  patientId: ['', 'PAT', 'pat1', 'DOC1', 'PAT1 ', ' PAT1', `PAT${'9'.repeat(13)}`, 'PAT1\u0000'],
  doctorId: ['', 'PAT1', 'DOC', 'DOC-1', 'doc1'],
  participantId: ['', 'ADM1', 'AUD1', 'NUR1', 'PAT1REC0'],
  recordId: ['', 'PAT1', 'PAT1REC', 'PAT1REC01', 'PAT1REC-1', 'REC0', 'PAT1REC0 '],
  consentId: ['', 'CON', `CON${'g'.repeat(64)}`, `CON${'A'.repeat(64)}`, `ACC${'a'.repeat(64)}`],
  category: ['', 'Cardiac', 'oncology', 'cardiac '],
  hash: ['', 'abc', HASH.toUpperCase(), HASH.slice(1), `${HASH}0`, `${HASH.slice(1)}g`],
  version: ['', '0', '-1', '1e3', '0x10', ' 1', '1.5', '01'],
  optionalVersion: ['0', '-1', '1e3', ' 1', '1.5', '01', 'latest'],
  duration: ['', '59', String(365 * DAY + 1), '1h', '-60', '3600.0'],
  optionalDuration: ['59', String(365 * DAY + 1), '1h'],
  emergencyDuration: ['59', String(DAY + 1), 'a day'],
  scope: ['', '{', '[]', 'null', '{"all":1}', '{"records":[]}', '{"categories":["x"]}'],
  optionalScope: ['{', '{"all":false}', '{"records":"PAT1REC0"}'],
  permission: ['', 'READ', 'write', 'read write'],
  optionalPermission: ['READ', 'admin'],
  purpose: ['', 'Treatment', 'to check her HIV status'],
  mspId: ['', 'Hospital A', '-HospitalAMSP', 'Hospital/AMSP'],
  doctorStatus: ['verified', 'ACTIVE'],
  pageSize: ['0', '101', '-1', '2.5', 'ten'],
  bookmark: ['%%%', 'a b', '====', 'x'.repeat(2000)],
  optionalPatientId: ['PAT', 'DOC1'],
  optionalRecordId: ['PAT1', 'REC0'],
  optionalAccessorId: ['ADM1', 'AUD1'],
  publicKey: ['', 'bm90IGEga2V5', 'MFkw', '!!!!', 'A'.repeat(201)],
  signedReads: [
    '',
    '[]',
    '{}',
    '[1]',
    '[{}]',
    '[null]',
    JSON.stringify([{ requestId: 'x', recordId: 'PAT1REC0', readerId: 'DOC1' }]),
    JSON.stringify(Array(101).fill({})),
    // A version that is not a whole number from 1, as a number or as text.
    ...[0, 1.5, '1'].map((version) =>
      JSON.stringify([
        {
          requestId: 'a'.repeat(64),
          recordId: 'PAT1REC0',
          version,
          readerId: 'DOC1',
          requestedAt: '2026-01-01T00:00:00.000Z',
          signature: 'AAAA',
        },
      ]),
    ),
  ],
  // Request IDs of the batch's reads; the one read of the batch is never named here.
  servedReads: [
    '[',
    '{}',
    '[1]',
    '["x"]',
    JSON.stringify(['a'.repeat(64), 'a'.repeat(64)]),
    JSON.stringify(['b'.repeat(64)]),
  ],
  time: ['2026-01-01', 'now', '2026-01-01T00:00:00.000+01:00', '2026-13-01T00:00:00.000Z'],
};

/** Optional arguments accept '' (absent); every other bad value applies to them too. */
interface Case {
  transaction: TransactionDefinition;
  caller: (scene: Scene) => Identity;
  args: (scene: Scene) => string[];
  kinds: (keyof typeof BAD)[];
}

interface Scene {
  chain: TestChain;
  activeConsent: string;
  pendingConsent: string;
  /** DOC1's registered read key. */
  readSigner: ReadSigner;
}

const patient = person('patient', 'PAT1');
const grantee = person('doctor', 'DOC1');
const newcomer = person('doctor', 'DOC9');

const CASES: Case[] = [
  {
    transaction: tx.participants.verifyDoctor,
    caller: () => adminA,
    args: () => ['DOC10'],
    kinds: ['doctorId'],
  },
  {
    transaction: tx.participants.registerReadKey,
    caller: () => grantee,
    args: () => [newReadSigner('DOC1', 'another').publicKey],
    kinds: ['publicKey'],
  },
  {
    transaction: tx.participants.suspendDoctor,
    caller: () => adminA,
    args: () => ['DOC1'],
    kinds: ['doctorId'],
  },
  {
    transaction: tx.participants.getParticipant,
    caller: () => auditor,
    args: () => ['PAT1'],
    kinds: ['participantId'],
  },
  {
    transaction: tx.participants.listDoctors,
    caller: () => adminA,
    args: () => [HOSPITAL_A, '', '', ''],
    kinds: ['mspId', 'doctorStatus', 'pageSize', 'bookmark'],
  },
  {
    transaction: tx.records.createRecord,
    caller: () => patient,
    args: () => ['PAT1', 'cardiac', HASH],
    kinds: ['patientId', 'category', 'hash'],
  },
  {
    transaction: tx.records.updateRecord,
    caller: () => patient,
    args: () => ['PAT1REC0', 'cardiac', sha256('v2'), '1'],
    kinds: ['recordId', 'category', 'hash', 'version'],
  },
  {
    transaction: tx.records.deleteRecord,
    caller: () => patient,
    args: () => ['PAT1REC0'],
    kinds: ['recordId'],
  },
  {
    transaction: tx.records.getRecord,
    caller: () => patient,
    args: () => ['PAT1REC0'],
    kinds: ['recordId'],
  },
  {
    transaction: tx.records.listRecords,
    caller: () => patient,
    args: () => ['PAT1', '', ''],
    kinds: ['patientId', 'pageSize', 'bookmark'],
  },
  {
    transaction: tx.consents.requestAccess,
    caller: () => newcomer,
    args: () => ['PAT1', ALL, 'read', 'treatment', String(DAY)],
    kinds: ['patientId', 'scope', 'permission', 'purpose', 'duration'],
  },
  {
    transaction: tx.consents.grantAccess,
    caller: () => patient,
    args: (scene) => [scene.pendingConsent, '', '', ''],
    kinds: ['consentId', 'optionalScope', 'optionalPermission', 'optionalDuration'],
  },
  {
    transaction: tx.consents.rejectAccess,
    caller: () => patient,
    args: (scene) => [scene.pendingConsent],
    kinds: ['consentId'],
  },
  {
    transaction: tx.consents.shareWith,
    caller: () => patient,
    args: () => ['DOC9', ALL, 'read', String(DAY)],
    kinds: ['doctorId', 'scope', 'permission', 'duration'],
  },
  {
    transaction: tx.consents.revokeAccess,
    caller: () => patient,
    args: (scene) => [scene.activeConsent],
    kinds: ['consentId'],
  },
  {
    transaction: tx.consents.emergencyAccess,
    caller: () => newcomer,
    args: () => ['PAT1', HASH, ''],
    kinds: ['patientId', 'hash', 'emergencyDuration'],
  },
  {
    transaction: tx.consents.getConsent,
    caller: () => auditor,
    args: (scene) => [scene.activeConsent],
    kinds: ['consentId'],
  },
  {
    transaction: tx.consents.listPatientConsents,
    caller: () => patient,
    args: () => ['PAT1', '', ''],
    kinds: ['patientId', 'pageSize', 'bookmark'],
  },
  {
    transaction: tx.consents.listDoctorConsents,
    caller: () => grantee,
    args: () => ['DOC1', '', ''],
    kinds: ['doctorId', 'pageSize', 'bookmark'],
  },
  {
    transaction: tx.consents.listPairConsents,
    caller: () => grantee,
    args: () => ['PAT1', 'DOC1', '', ''],
    kinds: ['patientId', 'doctorId', 'pageSize', 'bookmark'],
  },
  {
    transaction: tx.consents.listEmergencyGrants,
    caller: () => auditor,
    args: () => ['', ''],
    kinds: ['pageSize', 'bookmark'],
  },
  {
    transaction: tx.access.accessRecord,
    caller: () => grantee,
    args: () => ['PAT1REC0', '1'],
    kinds: ['recordId', 'optionalVersion'],
  },
  {
    transaction: tx.access.recordReads,
    caller: () => auditor,
    args: (scene) => [
      JSON.stringify([signRead(scene.readSigner, 'PAT1REC0', scene.chain.ledger.now)]),
      '',
    ],
    kinds: ['signedReads', 'servedReads'],
  },
  {
    transaction: tx.access.getRecordDirectory,
    caller: () => grantee,
    args: () => ['PAT1', '', ''],
    kinds: ['patientId', 'pageSize', 'bookmark'],
  },
  {
    transaction: tx.access.listAccessLog,
    caller: () => auditor,
    args: () => ['', '', '', '', '', '', ''],
    kinds: [
      'optionalPatientId',
      'optionalRecordId',
      'optionalAccessorId',
      'time',
      'time',
      'pageSize',
      'bookmark',
    ],
  },
  {
    transaction: tx.audit.getParticipantHistory,
    caller: () => auditor,
    args: () => ['PAT1'],
    kinds: ['participantId'],
  },
  {
    transaction: tx.audit.getRecordHistory,
    caller: () => auditor,
    args: () => ['PAT1REC0'],
    kinds: ['recordId'],
  },
  {
    transaction: tx.audit.getConsentHistory,
    caller: () => auditor,
    args: (scene) => [scene.activeConsent],
    kinds: ['consentId'],
  },
  {
    transaction: tx.audit.verifyRecordHash,
    caller: () => auditor,
    args: () => ['PAT1REC0', HASH],
    kinds: ['recordId', 'hash'],
  },
  {
    transaction: tx.audit.listAllRecords,
    caller: () => auditor,
    args: () => ['', ''],
    kinds: ['pageSize', 'bookmark'],
  },
];

async function buildScene(): Promise<Scene> {
  const chain = new TestChain();
  const owner = await registerPatient(chain, 'PAT1');
  await createRecord(chain, owner, 'PAT1', 'cardiac');
  await registerDoctor(chain, 'DOC1');
  await registerDoctor(chain, 'DOC6');
  await registerDoctor(chain, 'DOC9');
  await registerDoctor(chain, 'DOC10', { verified: false });
  const active = await share(chain, owner, 'DOC1', ALL, 'read-write');
  const pending = await request(chain, person('doctor', 'DOC6'), 'PAT1', ALL, 'read-write');
  const readSigner = await registerReadKey(chain, grantee);
  return { chain, activeConsent: active.consentId, pendingConsent: pending.consentId, readSigner };
}

const describeValue = (value: unknown) =>
  typeof value === 'string' && value.length > 40
    ? `a ${value.length}-character string`
    : (JSON.stringify(value) ?? String(value));

describe('invalid arguments', () => {
  let scene: Scene;
  before(async () => {
    scene = await buildScene();
  });

  it('covers every argument of every transaction in the catalogue', () => {
    const withArguments = allTransactions.filter((t) => Object.keys(t.args).length > 0);
    expect(CASES.map((c) => c.transaction.fullName).sort()).to.deep.equal(
      withArguments.map((t) => t.fullName).sort(),
    );
    for (const { transaction, kinds } of CASES) {
      expect(kinds, transaction.fullName).to.have.lengthOf(Object.keys(transaction.args).length);
    }
  });

  for (const testCase of CASES) {
    describe(testCase.transaction.fullName, () => {
      testCase.kinds.forEach((kind, position) => {
        const values = [...(BAD[kind] ?? []), ...WRONG_TYPES, OVERSIZED];
        it(`refuses a bad argument ${position + 1} (${kind}) with INVALID_ARGUMENT: ${values.length} values`, async () => {
          const good = testCase.args(scene);
          expectAllowed(
            await scene.chain.clone().call(testCase.caller(scene), testCase.transaction, ...good),
          );
          for (const value of values) {
            const args: unknown[] = [...good];
            args[position] = value;
            const call = await scene.chain
              .clone()
              .call(testCase.caller(scene), testCase.transaction, ...(args as string[]));
            try {
              expectDenied(call, 'INVALID_ARGUMENT');
            } catch (error) {
              expect.fail(`${describeValue(value)}: ${(error as Error).message}`);
            }
          }
        });
      });
    });
  }
});

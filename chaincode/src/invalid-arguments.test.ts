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
  time: ['2026-01-01', 'now', '2026-01-01T00:00:00.000+01:00', '2026-13-01T00:00:00.000Z'],
};

/** Optional arguments accept '' (absent); every other bad value applies to them too. */
interface Case {
  fn: string;
  caller: (scene: Scene) => Identity;
  args: (scene: Scene) => string[];
  kinds: (keyof typeof BAD)[];
}

interface Scene {
  chain: TestChain;
  activeConsent: string;
  pendingConsent: string;
}

const patient = person('patient', 'PAT1');
const grantee = person('doctor', 'DOC1');
const newcomer = person('doctor', 'DOC9');

const CASES: Case[] = [
  {
    fn: 'participants:VerifyDoctor',
    caller: () => adminA,
    args: () => ['DOC10'],
    kinds: ['doctorId'],
  },
  {
    fn: 'participants:SuspendDoctor',
    caller: () => adminA,
    args: () => ['DOC1'],
    kinds: ['doctorId'],
  },
  {
    fn: 'participants:GetParticipant',
    caller: () => auditor,
    args: () => ['PAT1'],
    kinds: ['participantId'],
  },
  {
    fn: 'participants:ListDoctors',
    caller: () => adminA,
    args: () => [HOSPITAL_A, '', '', ''],
    kinds: ['mspId', 'doctorStatus', 'pageSize', 'bookmark'],
  },
  {
    fn: 'records:CreateRecord',
    caller: () => patient,
    args: () => ['PAT1', 'cardiac', HASH],
    kinds: ['patientId', 'category', 'hash'],
  },
  {
    fn: 'records:UpdateRecord',
    caller: () => patient,
    args: () => ['PAT1REC0', sha256('v2'), '1'],
    kinds: ['recordId', 'hash', 'version'],
  },
  {
    fn: 'records:DeleteRecord',
    caller: () => patient,
    args: () => ['PAT1REC0'],
    kinds: ['recordId'],
  },
  { fn: 'records:GetRecord', caller: () => patient, args: () => ['PAT1REC0'], kinds: ['recordId'] },
  {
    fn: 'records:ListRecords',
    caller: () => patient,
    args: () => ['PAT1', '', ''],
    kinds: ['patientId', 'pageSize', 'bookmark'],
  },
  {
    fn: 'consents:RequestAccess',
    caller: () => newcomer,
    args: () => ['PAT1', ALL, 'read', 'treatment', String(DAY)],
    kinds: ['patientId', 'scope', 'permission', 'purpose', 'duration'],
  },
  {
    fn: 'consents:GrantAccess',
    caller: () => patient,
    args: (scene) => [scene.pendingConsent, '', '', ''],
    kinds: ['consentId', 'optionalScope', 'optionalPermission', 'optionalDuration'],
  },
  {
    fn: 'consents:RejectAccess',
    caller: () => patient,
    args: (scene) => [scene.pendingConsent],
    kinds: ['consentId'],
  },
  {
    fn: 'consents:ShareWith',
    caller: () => patient,
    args: () => ['DOC9', ALL, 'read', String(DAY)],
    kinds: ['doctorId', 'scope', 'permission', 'duration'],
  },
  {
    fn: 'consents:RevokeAccess',
    caller: () => patient,
    args: (scene) => [scene.activeConsent],
    kinds: ['consentId'],
  },
  {
    fn: 'consents:EmergencyAccess',
    caller: () => newcomer,
    args: () => ['PAT1', HASH, ''],
    kinds: ['patientId', 'hash', 'emergencyDuration'],
  },
  {
    fn: 'consents:GetConsent',
    caller: () => auditor,
    args: (scene) => [scene.activeConsent],
    kinds: ['consentId'],
  },
  {
    fn: 'consents:ListPatientConsents',
    caller: () => patient,
    args: () => ['PAT1', '', ''],
    kinds: ['patientId', 'pageSize', 'bookmark'],
  },
  {
    fn: 'consents:ListDoctorConsents',
    caller: () => grantee,
    args: () => ['DOC1', '', ''],
    kinds: ['doctorId', 'pageSize', 'bookmark'],
  },
  {
    fn: 'consents:ListEmergencyGrants',
    caller: () => auditor,
    args: () => ['', ''],
    kinds: ['pageSize', 'bookmark'],
  },
  {
    fn: 'access:AccessRecord',
    caller: () => grantee,
    args: () => ['PAT1REC0'],
    kinds: ['recordId'],
  },
  {
    fn: 'access:GetRecordDirectory',
    caller: () => grantee,
    args: () => ['PAT1'],
    kinds: ['patientId'],
  },
  {
    fn: 'access:ListAccessLog',
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
    fn: 'audit:GetParticipantHistory',
    caller: () => auditor,
    args: () => ['PAT1'],
    kinds: ['participantId'],
  },
  {
    fn: 'audit:GetRecordHistory',
    caller: () => auditor,
    args: () => ['PAT1REC0'],
    kinds: ['recordId'],
  },
  {
    fn: 'audit:GetConsentHistory',
    caller: () => auditor,
    args: (scene) => [scene.activeConsent],
    kinds: ['consentId'],
  },
  {
    fn: 'audit:VerifyRecordHash',
    caller: () => auditor,
    args: () => ['PAT1REC0', HASH],
    kinds: ['recordId', 'hash'],
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
  return { chain, activeConsent: active.consentId, pendingConsent: pending.consentId };
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

  for (const testCase of CASES) {
    describe(testCase.fn, () => {
      testCase.kinds.forEach((kind, position) => {
        const values = [...(BAD[kind] ?? []), ...WRONG_TYPES, OVERSIZED];
        it(`refuses a bad argument ${position + 1} (${kind}) with INVALID_ARGUMENT: ${values.length} values`, async () => {
          const good = testCase.args(scene);
          expectAllowed(
            await scene.chain.clone().call(testCase.caller(scene), testCase.fn, ...good),
          );
          for (const value of values) {
            const args: unknown[] = [...good];
            args[position] = value;
            const call = await scene.chain
              .clone()
              .call(testCase.caller(scene), testCase.fn, ...(args as string[]));
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

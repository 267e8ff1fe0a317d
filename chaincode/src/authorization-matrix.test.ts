import { expect } from 'chai';
import type { Contract } from 'fabric-contract-api';
import { contracts } from './index';
import type { ErrorCode } from './shared/errors';
import {
  adminA,
  adminB,
  ALL,
  auditor,
  buildAuthorizationScene,
  DAY,
  EMERGENCY_REASON,
  type AuthorizationScene as Scene,
} from './test-support/scenario';
import {
  expectAllowed,
  expectDenied,
  HOSPITAL_A,
  HOSPITAL_B,
  person,
  sha256,
  type Identity,
} from './test-support/test-chain';

/**
 * Who may call what: every transaction (rows) against every kind of caller (columns), run
 * on one ledger scene, each case on its own copy of it. A cell is `ok` (the call succeeds;
 * a submit writes and emits exactly one event) or the code of the refusal (F FORBIDDEN,
 * N NOT_FOUND, C CONFLICT, E EXPIRED, I INVALID_ARGUMENT), which must come before any write.
 *
 * The scene is described at buildAuthorizationScene. Besides its people, the callers are
 * PAT9 (never registered), "imp" (PAT1's ID in a certificate from the other hospital),
 * the two hospitals' admins, an auditor, and a certificate without PatRec attributes.
 */
const CALLERS = {
  own: ['owner patient PAT1', person('patient', 'PAT1')],
  oth: ['other patient PAT2', person('patient', 'PAT2')],
  unr: ['unregistered patient PAT9', person('patient', 'PAT9')],
  imp: ['PAT1 certified by the other hospital', person('patient', 'PAT1', HOSPITAL_B)],
  act: ['doctor with active read-write grant on cardiac', person('doctor', 'DOC1')],
  xho: [
    'doctor of HospitalB with active read-write grant on all',
    person('doctor', 'DOC2', HOSPITAL_B),
  ],
  exp: ['doctor with expired read-write grant on all', person('doctor', 'DOC3')],
  rev: ['doctor with revoked read-write grant on all', person('doctor', 'DOC4')],
  rej: ['doctor with rejected request', person('doctor', 'DOC5')],
  pen: ['doctor with pending request', person('doctor', 'DOC6')],
  oos: ['doctor with out-of-scope grant (read-write dentistry)', person('doctor', 'DOC7')],
  ro: ['doctor with read-only grant on cardiac', person('doctor', 'DOC8')],
  non: ['doctor with no grant', person('doctor', 'DOC9')],
  unv: ['unverified doctor with read-write grant on all', person('doctor', 'DOC10')],
  sus: ['suspended doctor with read-write grant on all', person('doctor', 'DOC11')],
  em1: ['doctor with emergency grant 30 min old', person('doctor', 'DOC12')],
  em2: ['doctor with emergency grant 25 h old', person('doctor', 'DOC13')],
  adA: ['admin of HospitalA', adminA],
  adB: ['admin of HospitalB', adminB],
  aud: ['auditor', auditor],
  anon: ['certificate without PatRec attributes', { mspId: HOSPITAL_A, attributes: {} }],
} satisfies Record<string, [string, Identity]>;
type CallerKey = keyof typeof CALLERS;

const MATRIX = `
operation              own oth unr imp act xho exp rev rej pen oos ro  non unv sus em1 em2 adA adB aud anon
RegisterSelf           C   C   ok  C   C   C   C   C   C   C   C   C   C   C   C   C   C   F   F   F   F
VerifyDoctor           F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F   F   F
SuspendDoctor          F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F   F   F
GetParticipant:PAT1    ok  F   F   F   ok  ok  ok  ok  ok  ok  ok  ok  ok  F   F   ok  ok  ok  F   ok  F
GetParticipant:DOC1    ok  ok  F   F   ok  F   F   F   F   F   F   F   F   F   F   F   F   ok  F   ok  F
ListDoctors            F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F   ok  F
CreateRecord           ok  F   F   F   ok  ok  E   F   F   F   F   F   F   F   F   F   F   F   F   F   F
UpdateRecord           ok  F   F   F   ok  ok  E   F   F   F   F   F   F   F   F   F   F   F   F   F   F
DeleteRecord           ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F
GetRecord              ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F
ListRecords            ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F
RequestAccess          F   F   F   F   ok  ok  ok  ok  ok  C   ok  ok  ok  F   F   ok  ok  F   F   F   F
GrantAccess            ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F
RejectAccess           ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F
ShareWith              ok  ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F
RevokeAccess           ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F
EmergencyAccess        F   F   F   F   ok  ok  ok  ok  ok  ok  ok  ok  ok  F   F   C   ok  F   F   F   F
GetConsent             ok  F   F   F   ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F
ListPatientConsents    ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F
ListDoctorConsents     F   F   F   F   ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  F   F   ok  F
ListEmergencyGrants    F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F
AccessRecord:cardiac   ok  F   F   F   ok  ok  E   F   F   F   F   ok  F   F   F   ok  E   F   F   F   F
AccessRecord:dentistry ok  F   F   F   F   ok  E   F   F   F   ok  F   F   F   F   ok  E   F   F   F   F
GetRecordDirectory     ok  F   F   F   ok  ok  ok  ok  ok  ok  ok  ok  ok  F   F   ok  ok  F   F   F   F
ListAccessLog:patient  ok  F   F   F   ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  F   F   ok  F
ListAccessLog:own      ok  ok  F   F   ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  F   F   ok  F
GetParticipantHistory  ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F   ok  F
GetRecordHistory       ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F
GetConsentHistory      ok  F   F   F   ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F
VerifyRecordHash       ok  F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   F   ok  F
Ping                   ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
WhoAmI                 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
`;

const CODES: Record<string, ErrorCode> = {
  F: 'FORBIDDEN',
  N: 'NOT_FOUND',
  C: 'CONFLICT',
  E: 'EXPIRED',
  I: 'INVALID_ARGUMENT',
};

const HASH_V2 = sha256('PAT1REC0 version 2');

/** Each operation's transaction and arguments; some depend on who calls. */
const OPERATIONS: Record<
  string,
  { fn: string; args: (scene: Scene, caller: CallerKey) => string[] }
> = {
  RegisterSelf: { fn: 'participants:RegisterSelf', args: () => [] },
  VerifyDoctor: { fn: 'participants:VerifyDoctor', args: () => ['DOC10'] },
  SuspendDoctor: { fn: 'participants:SuspendDoctor', args: () => ['DOC9'] },
  'GetParticipant:PAT1': { fn: 'participants:GetParticipant', args: () => ['PAT1'] },
  'GetParticipant:DOC1': { fn: 'participants:GetParticipant', args: () => ['DOC1'] },
  ListDoctors: { fn: 'participants:ListDoctors', args: () => [HOSPITAL_A, '', '', ''] },
  CreateRecord: { fn: 'records:CreateRecord', args: () => ['PAT1', 'cardiac', HASH_V2] },
  UpdateRecord: { fn: 'records:UpdateRecord', args: () => ['PAT1REC0', HASH_V2, '1'] },
  DeleteRecord: { fn: 'records:DeleteRecord', args: () => ['PAT1REC0'] },
  GetRecord: { fn: 'records:GetRecord', args: () => ['PAT1REC0'] },
  ListRecords: { fn: 'records:ListRecords', args: () => ['PAT1', '', ''] },
  RequestAccess: {
    fn: 'consents:RequestAccess',
    args: () => ['PAT1', ALL, 'read', 'treatment', String(DAY)],
  },
  GrantAccess: { fn: 'consents:GrantAccess', args: (scene) => [scene.pendingConsent, '', '', ''] },
  RejectAccess: { fn: 'consents:RejectAccess', args: (scene) => [scene.pendingConsent] },
  ShareWith: { fn: 'consents:ShareWith', args: () => ['DOC9', ALL, 'read', String(DAY)] },
  RevokeAccess: { fn: 'consents:RevokeAccess', args: (scene) => [scene.activeConsent] },
  EmergencyAccess: { fn: 'consents:EmergencyAccess', args: () => ['PAT1', EMERGENCY_REASON, ''] },
  GetConsent: { fn: 'consents:GetConsent', args: (scene) => [scene.activeConsent] },
  ListPatientConsents: { fn: 'consents:ListPatientConsents', args: () => ['PAT1', '', ''] },
  ListDoctorConsents: {
    fn: 'consents:ListDoctorConsents',
    args: (_, caller) => [ownDoctorId(caller) ?? 'DOC1', '', ''],
  },
  ListEmergencyGrants: { fn: 'consents:ListEmergencyGrants', args: () => ['', ''] },
  'AccessRecord:cardiac': { fn: 'access:AccessRecord', args: () => ['PAT1REC0'] },
  'AccessRecord:dentistry': { fn: 'access:AccessRecord', args: () => ['PAT1REC1'] },
  GetRecordDirectory: { fn: 'access:GetRecordDirectory', args: () => ['PAT1'] },
  'ListAccessLog:patient': {
    fn: 'access:ListAccessLog',
    args: () => ['PAT1', '', '', '', '', '', ''],
  },
  'ListAccessLog:own': {
    fn: 'access:ListAccessLog',
    args: (_, caller) => ['', '', ownPersonId(caller) ?? '', '', '', '', ''],
  },
  GetParticipantHistory: { fn: 'audit:GetParticipantHistory', args: () => ['PAT1'] },
  GetRecordHistory: { fn: 'audit:GetRecordHistory', args: () => ['PAT1REC0'] },
  GetConsentHistory: { fn: 'audit:GetConsentHistory', args: (scene) => [scene.activeConsent] },
  VerifyRecordHash: {
    fn: 'audit:VerifyRecordHash',
    args: () => ['PAT1REC0', sha256('PAT1 cardiac content')],
  },
  Ping: { fn: 'health:Ping', args: () => [] },
  WhoAmI: { fn: 'health:WhoAmI', args: () => [] },
};

function patrecIdOf(caller: CallerKey): string | undefined {
  const identity: Identity = CALLERS[caller][1];
  return identity.attributes['patrecId'];
}

function ownDoctorId(caller: CallerKey): string | undefined {
  const id = patrecIdOf(caller);
  return id?.startsWith('DOC') ? id : undefined;
}

function ownPersonId(caller: CallerKey): string | undefined {
  const id = patrecIdOf(caller);
  return id?.startsWith('DOC') || id?.startsWith('PAT') ? id : undefined;
}

function parseMatrix(text: string): { header: string[]; rows: [string, string[]][] } {
  const [header = [], ...rows] = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  return {
    header: header.slice(1),
    rows: rows.map(([operation = '', ...cells]) => [operation, cells]),
  };
}

describe('authorization matrix', () => {
  const { header, rows } = parseMatrix(MATRIX);
  let scene: Scene;

  before(async () => {
    scene = await buildAuthorizationScene();
  });

  it('has a column for every caller and a row for every operation', () => {
    expect(header).to.deep.equal(Object.keys(CALLERS));
    expect(rows.map(([operation]) => operation)).to.deep.equal(Object.keys(OPERATIONS));
    for (const [operation, cells] of rows) {
      expect(cells, operation).to.have.lengthOf(header.length);
      for (const cell of cells) expect(['ok', ...Object.keys(CODES)], operation).to.include(cell);
    }
  });

  it('covers every transaction of every contract', () => {
    const reflect = Reflect as unknown as { getMetadata(key: string, target: object): unknown };
    const deployed = contracts.flatMap((Class) => {
      const contract: Contract = new Class();
      const transactions = reflect.getMetadata('fabric:transactions', contract) as {
        name: string;
      }[];
      return transactions.map((transaction) => `${contract.getName()}:${transaction.name}`);
    });
    const tested = new Set(Object.values(OPERATIONS).map((operation) => operation.fn));
    expect([...deployed].sort()).to.deep.equal([...tested].sort());
  });

  for (const [operation, cells] of rows) {
    describe(operation, () => {
      header.forEach((column, index) => {
        const caller = column as CallerKey;
        const expected = cells[index] ?? '';
        const [who, identity] = CALLERS[caller];
        const outcome = expected === 'ok' ? 'allowed' : `denied ${CODES[expected] ?? expected}`;
        it(`${who}: ${outcome}`, async () => {
          const chain = scene.chain.clone();
          const spec = OPERATIONS[operation];
          if (!spec) throw new Error(`no operation ${operation}`);
          const call = await chain.call(identity, spec.fn, ...spec.args(scene, caller));
          if (expected === 'ok') expectAllowed(call);
          else expectDenied(call, CODES[expected] ?? 'FORBIDDEN');
        });
      });
    });
  }
});

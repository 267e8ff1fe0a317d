import { allTransactions, transactions as tx, type TransactionDefinition } from '@patrec/contract';
import { expect } from 'chai';
import {
  ALL,
  buildAuthorizationScene,
  CALLERS,
  DAY,
  EMERGENCY_REASON,
  type AuthorizationScene as Scene,
  type CallerKey,
} from './test-support/scenario';
import { newReadSigner, signRead } from './test-support/readers';
import {
  deployedContracts,
  expectAllowed,
  expectDenied,
  HOSPITAL_A,
  sha256,
  transactionsOf,
  type Identity,
  type Refusal,
} from './test-support/test-chain';

/**
 * Who may call what: every transaction (rows) against every kind of caller (columns), run
 * on one ledger scene, each case on its own copy of it. A cell is `ok` (the call succeeds;
 * a submit writes and emits exactly one event) or the refusal, which must come before any
 * write: N NOT_FOUND, C CONFLICT, E EXPIRED, I INVALID_ARGUMENT, or FORBIDDEN with its
 * reason — Fr ROLE, Fc CERTIFICATE, Fn NOT_REGISTERED, Fw WRONG_HOSPITAL, Fu UNVERIFIED,
 * Fs SUSPENDED, Fy NOT_YOURS, Fg NO_CONSENT (no covering grant), Fv REVOKED.
 *
 * The scene is described at buildAuthorizationScene, the callers at CALLERS.
 */
const MATRIX = `
operation              own oth unr imp act xho exp rev rej pen oos ro  non unv sus em1 em2 adA adB aud anon
RegisterSelf           C   C   ok  C   C   C   C   C   C   C   C   C   C   C   C   C   C   Fr  Fr  Fr  Fc
RegisterReadKey        ok  ok  Fn  Fw  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  Fr  Fr  Fr  Fc
VerifyDoctor           Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  ok  Fw  Fr  Fc
SuspendDoctor          Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  ok  Fw  Fr  Fc
GetParticipant:PAT1    ok  Fy  Fn  Fw  ok  ok  ok  ok  ok  ok  ok  ok  ok  Fu  Fs  ok  ok  ok  Fy  ok  Fc
GetParticipant:DOC1    ok  ok  Fn  Fw  ok  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fu  Fs  Fy  Fy  ok  Fy  ok  Fc
ListDoctors            Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  ok  Fw  ok  Fc
CreateRecord           ok  Fy  Fy  Fw  ok  ok  E   Fv  Fg  Fg  Fg  Fg  Fg  Fu  Fs  Fg  Fg  Fr  Fr  Fr  Fc
UpdateRecord           ok  Fy  Fy  Fw  ok  ok  E   Fv  Fg  Fg  Fg  Fg  Fg  Fu  Fs  Fg  Fg  Fr  Fr  Fr  Fc
DeleteRecord           ok  Fy  Fy  Fw  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fc
GetRecord              ok  Fy  Fy  Fw  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  ok  Fc
ListRecords            ok  Fy  Fy  Fw  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  ok  Fc
RequestAccess          Fr  Fr  Fr  Fr  ok  ok  ok  ok  ok  C   ok  ok  ok  Fu  Fs  ok  ok  Fr  Fr  Fr  Fc
GrantAccess            ok  Fy  Fn  Fw  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fc
RejectAccess           ok  Fy  Fn  Fw  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fc
ShareWith              ok  ok  Fn  Fw  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fc
RevokeAccess           ok  Fy  Fn  Fw  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fc
EmergencyAccess        Fr  Fr  Fr  Fr  ok  ok  ok  ok  ok  ok  ok  ok  ok  Fu  Fs  C   ok  Fr  Fr  Fr  Fc
GetConsent             ok  Fy  Fn  Fw  ok  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fr  Fr  ok  Fc
ListPatientConsents    ok  Fy  Fy  Fw  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  ok  Fc
ListDoctorConsents     Fr  Fr  Fr  Fr  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  Fr  Fr  ok  Fc
ListPairConsents       ok  Fy  Fy  Fw  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  Fr  Fr  ok  Fc
ListEmergencyGrants    Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  ok  Fc
AccessRecord:cardiac   ok  Fy  Fy  Fw  ok  ok  E   Fv  Fg  Fg  Fg  ok  Fg  Fu  Fs  ok  E   Fr  Fr  Fr  Fc
AccessRecord:dentistry ok  Fy  Fy  Fw  Fg  ok  E   Fv  Fg  Fg  ok  Fg  Fg  Fu  Fs  ok  E   Fr  Fr  Fr  Fc
AccessRecord:dentistry@1 ok Fy Fy  Fw  Fg  ok  E   Fv  Fg  Fg  ok  Fg  Fg  Fu  Fs  ok  E   Fr  Fr  Fr  Fc
AccessRecord:cardiac@2 N   Fy  Fy  Fw  N   N   E   Fv  Fg  Fg  Fg  N   Fg  Fu  Fs  N   E   Fr  Fr  Fr  Fc
RecordReads            ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  Fc
GetRecordDirectory     ok  Fy  Fy  Fw  ok  ok  ok  ok  ok  ok  ok  ok  ok  Fu  Fs  ok  ok  Fr  Fr  Fr  Fc
ListAccessLog:patient  ok  Fy  Fn  Fw  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  Fr  Fr  ok  Fc
ListAccessLog:own      ok  ok  Fn  Fw  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  Fr  Fr  ok  Fc
GetParticipantHistory  ok  Fy  Fy  Fw  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  ok  Fy  ok  Fc
GetRecordHistory       ok  Fy  Fy  Fw  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  ok  Fc
GetConsentHistory      ok  Fy  Fn  Fw  ok  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fr  Fr  ok  Fc
VerifyRecordHash       ok  Fy  Fy  Fw  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  Fy  ok  Fc
ListAllRecords         Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  Fr  ok  Fc
Ping                   ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
WhoAmI                 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
`;

const CODES: Record<string, Refusal> = {
  Fr: 'FORBIDDEN(ROLE)',
  Fc: 'FORBIDDEN(CERTIFICATE)',
  Fn: 'FORBIDDEN(NOT_REGISTERED)',
  Fw: 'FORBIDDEN(WRONG_HOSPITAL)',
  Fu: 'FORBIDDEN(UNVERIFIED)',
  Fs: 'FORBIDDEN(SUSPENDED)',
  Fy: 'FORBIDDEN(NOT_YOURS)',
  Fg: 'FORBIDDEN(NO_CONSENT)',
  Fv: 'FORBIDDEN(REVOKED)',
  N: 'NOT_FOUND',
  C: 'CONFLICT',
  E: 'EXPIRED',
  I: 'INVALID_ARGUMENT',
};

const HASH_V2 = sha256('PAT1REC0 version 2');

/** Each operation's transaction and arguments; some depend on who calls. */
const OPERATIONS: Record<
  string,
  { transaction: TransactionDefinition; args: (scene: Scene, caller: CallerKey) => string[] }
> = {
  RegisterSelf: { transaction: tx.participants.registerSelf, args: () => [] },
  RegisterReadKey: {
    transaction: tx.participants.registerReadKey,
    args: (_, caller) => [newReadSigner(patrecIdOf(caller) ?? '', 'matrix').publicKey],
  },
  VerifyDoctor: { transaction: tx.participants.verifyDoctor, args: () => ['DOC10'] },
  SuspendDoctor: { transaction: tx.participants.suspendDoctor, args: () => ['DOC9'] },
  'GetParticipant:PAT1': { transaction: tx.participants.getParticipant, args: () => ['PAT1'] },
  'GetParticipant:DOC1': { transaction: tx.participants.getParticipant, args: () => ['DOC1'] },
  ListDoctors: { transaction: tx.participants.listDoctors, args: () => [HOSPITAL_A, '', '', ''] },
  CreateRecord: { transaction: tx.records.createRecord, args: () => ['PAT1', 'cardiac', HASH_V2] },
  UpdateRecord: {
    transaction: tx.records.updateRecord,
    args: () => ['PAT1REC0', 'cardiac', HASH_V2, '1'],
  },
  DeleteRecord: { transaction: tx.records.deleteRecord, args: () => ['PAT1REC0'] },
  GetRecord: { transaction: tx.records.getRecord, args: () => ['PAT1REC0'] },
  ListRecords: { transaction: tx.records.listRecords, args: () => ['PAT1', '', ''] },
  RequestAccess: {
    transaction: tx.consents.requestAccess,
    args: () => ['PAT1', ALL, 'read', 'treatment', String(DAY)],
  },
  GrantAccess: {
    transaction: tx.consents.grantAccess,
    args: (scene) => [scene.pendingConsent, '', '', ''],
  },
  RejectAccess: { transaction: tx.consents.rejectAccess, args: (scene) => [scene.pendingConsent] },
  ShareWith: { transaction: tx.consents.shareWith, args: () => ['DOC9', ALL, 'read', String(DAY)] },
  RevokeAccess: { transaction: tx.consents.revokeAccess, args: (scene) => [scene.activeConsent] },
  EmergencyAccess: {
    transaction: tx.consents.emergencyAccess,
    args: () => ['PAT1', EMERGENCY_REASON, ''],
  },
  GetConsent: { transaction: tx.consents.getConsent, args: (scene) => [scene.activeConsent] },
  ListPatientConsents: {
    transaction: tx.consents.listPatientConsents,
    args: () => ['PAT1', '', ''],
  },
  ListDoctorConsents: {
    transaction: tx.consents.listDoctorConsents,
    args: (_, caller) => [ownDoctorId(caller) ?? 'DOC1', '', ''],
  },
  ListPairConsents: {
    transaction: tx.consents.listPairConsents,
    args: (_, caller) => ['PAT1', ownDoctorId(caller) ?? 'DOC1', '', ''],
  },
  ListEmergencyGrants: { transaction: tx.consents.listEmergencyGrants, args: () => ['', ''] },
  'AccessRecord:cardiac': { transaction: tx.access.accessRecord, args: () => ['PAT1REC0', ''] },
  'AccessRecord:dentistry': { transaction: tx.access.accessRecord, args: () => ['PAT1REC1', ''] },
  // An earlier version is read under the same grants as the current one; one the record
  // never had is NOT_FOUND only to those who may read the record.
  'AccessRecord:dentistry@1': {
    transaction: tx.access.accessRecord,
    args: () => ['PAT1REC1', '1'],
  },
  'AccessRecord:cardiac@2': { transaction: tx.access.accessRecord, args: () => ['PAT1REC0', '2'] },
  // Anyone with a PatRec certificate may carry reads; each stands on its reader's signature
  // (here DOC1's, who holds a grant on cardiac). Who each reader may read: access-contract.test.
  RecordReads: {
    transaction: tx.access.recordReads,
    args: (scene) => {
      const signer = scene.readSigners.get('DOC1')!;
      return [JSON.stringify([signRead(signer, 'PAT1REC0', scene.chain.ledger.now)]), ''];
    },
  },
  GetRecordDirectory: {
    transaction: tx.access.getRecordDirectory,
    args: () => ['PAT1', '', ''],
  },
  'ListAccessLog:patient': {
    transaction: tx.access.listAccessLog,
    args: () => ['PAT1', '', '', '', '', '', ''],
  },
  'ListAccessLog:own': {
    transaction: tx.access.listAccessLog,
    args: (_, caller) => ['', '', ownPersonId(caller) ?? '', '', '', '', ''],
  },
  GetParticipantHistory: { transaction: tx.audit.getParticipantHistory, args: () => ['PAT1'] },
  GetRecordHistory: { transaction: tx.audit.getRecordHistory, args: () => ['PAT1REC0'] },
  GetConsentHistory: {
    transaction: tx.audit.getConsentHistory,
    args: (scene) => [scene.activeConsent],
  },
  VerifyRecordHash: {
    transaction: tx.audit.verifyRecordHash,
    args: () => ['PAT1REC0', sha256('PAT1 cardiac content')],
  },
  ListAllRecords: { transaction: tx.audit.listAllRecords, args: () => ['', ''] },
  Ping: { transaction: tx.health.ping, args: () => [] },
  WhoAmI: { transaction: tx.health.whoAmI, args: () => [] },
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

  it('covers every transaction of the catalogue and of the deployed contracts', () => {
    const deployed = [...deployedContracts()].flatMap(([namespace, contract]) =>
      transactionsOf(contract).map((transaction) => `${namespace}:${transaction.name}`),
    );
    const tested = new Set(Object.values(OPERATIONS).map((op) => op.transaction.fullName));
    expect([...tested].sort()).to.deep.equal(allTransactions.map((t) => t.fullName).sort());
    expect([...tested].sort()).to.deep.equal(deployed.sort());
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
          const call = await chain.call(identity, spec.transaction, ...spec.args(scene, caller));
          if (expected === 'ok') return expectAllowed(call);
          const refusal = CODES[expected];
          if (!refusal) throw new Error(`unknown cell ${expected} in ${operation}`);
          expectDenied(call, refusal);
        });
      });
    });
  }
});

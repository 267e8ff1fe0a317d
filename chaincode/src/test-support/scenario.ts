import { transactions as tx, type ConsentView, type HealthRecord } from '@patrec/contract';
import { registerReadKey, type ReadSigner } from './readers';
import { HOSPITAL_A, HOSPITAL_B, person, sha256, TestChain, type Identity } from './test-chain';

/** Building blocks for tests: people and the transactions that set a scene up. */

export const adminA = person('admin', 'ADM1', HOSPITAL_A);
export const adminB = person('admin', 'ADM2', HOSPITAL_B);
export const auditor = person('auditor', 'AUD1', HOSPITAL_A);

export const ALL = JSON.stringify({ all: true });
export const categories = (...list: string[]) => JSON.stringify({ categories: list });
export const records = (...list: string[]) => JSON.stringify({ records: list });
export const DAY = 24 * 3600;

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

const adminOf = (mspId: string) => (mspId === HOSPITAL_B ? adminB : adminA);

export async function registerPatient(
  chain: TestChain,
  patientId: string,
  mspId = HOSPITAL_A,
): Promise<Identity> {
  const patient = person('patient', patientId, mspId);
  await chain.ok(patient, tx.participants.registerSelf);
  return patient;
}

export async function registerDoctor(
  chain: TestChain,
  doctorId: string,
  options: { mspId?: string; verified?: boolean } = {},
): Promise<Identity> {
  const mspId = options.mspId ?? HOSPITAL_A;
  const doctor = person('doctor', doctorId, mspId);
  await chain.ok(doctor, tx.participants.registerSelf);
  if (options.verified ?? true)
    await chain.ok(adminOf(mspId), tx.participants.verifyDoctor, doctorId);
  return doctor;
}

export async function createRecord(
  chain: TestChain,
  writer: Identity,
  patientId: string,
  category: string,
  content = `${patientId} ${category} content`,
): Promise<HealthRecord> {
  return chain.ok(writer, tx.records.createRecord, patientId, category, sha256(content));
}

export async function share(
  chain: TestChain,
  patient: Identity,
  doctorId: string,
  scope: string,
  permission: 'read' | 'read-write',
  seconds = 30 * DAY,
): Promise<ConsentView> {
  return chain.ok(patient, tx.consents.shareWith, doctorId, scope, permission, String(seconds));
}

export async function request(
  chain: TestChain,
  doctor: Identity,
  patientId: string,
  scope: string,
  permission: 'read' | 'read-write',
  seconds = 30 * DAY,
): Promise<ConsentView> {
  return chain.ok(
    doctor,
    tx.consents.requestAccess,
    patientId,
    scope,
    permission,
    'treatment',
    String(seconds),
  );
}

/** A request granted as asked. */
export async function requestAndGrant(
  chain: TestChain,
  doctor: Identity,
  patient: Identity,
  scope: string,
  permission: 'read' | 'read-write',
  seconds = 30 * DAY,
): Promise<ConsentView> {
  const patientId = patient.attributes['patrecId'] ?? '';
  const pending = await request(chain, doctor, patientId, scope, permission, seconds);
  return chain.ok(patient, tx.consents.grantAccess, pending.consentId, '', '', '');
}

/** The IDs of the authorization scene that operations name. */
export interface AuthorizationScene {
  chain: TestChain;
  /** DOC1's active read-write grant on PAT1's cardiac records. */
  activeConsent: string;
  /** DOC6's pending request to PAT1. */
  pendingConsent: string;
  /** The read keys of PAT1, PAT2 and DOC1–DOC13, registered on the ledger. */
  readSigners: Map<string, ReadSigner>;
}

export const EMERGENCY_REASON = sha256('collapsed in the waiting room');

/**
 * The scene of the authorization matrix, 25 h after it began. PAT1 owns PAT1REC0 (cardiac)
 * and PAT1REC1 (dentistry, updated once: at version 2); PAT2 owns PAT2REC0. Doctors are verified at HospitalA unless
 * said otherwise; what each holds from PAT1:
 *   DOC1 read-write on cardiac (requested, granted)   DOC2 (HospitalB) read-write on all
 *   DOC3 read-write on all, expired after 1 h          DOC4 read-write on all, revoked
 *   DOC5 a rejected request                            DOC6 a pending request
 *   DOC7 read-write on dentistry                       DOC8 read on cardiac
 *   DOC9 nothing                                       DOC10 (unverified) read-write on all
 *   DOC11 (suspended) read-write on all
 *   DOC12 an emergency grant declared 30 min ago       DOC13 one declared 25 h ago
 */
export async function buildAuthorizationScene(): Promise<AuthorizationScene> {
  const chain = new TestChain();
  const owner = await registerPatient(chain, 'PAT1');
  const other = await registerPatient(chain, 'PAT2');
  await createRecord(chain, owner, 'PAT1', 'cardiac');
  await createRecord(chain, owner, 'PAT1', 'dentistry');
  await chain.ok(
    owner,
    tx.records.updateRecord,
    'PAT1REC1',
    'dentistry',
    sha256('PAT1 dentistry v2'),
    '1',
  );
  await createRecord(chain, other, 'PAT2', 'cardiac');

  const doctor = (id: string, mspId = HOSPITAL_A) => person('doctor', id, mspId);
  await registerDoctor(chain, 'DOC2', { mspId: HOSPITAL_B });
  for (const n of [1, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13]) await registerDoctor(chain, `DOC${n}`);
  await registerDoctor(chain, 'DOC10', { verified: false });

  const active = await requestAndGrant(
    chain,
    doctor('DOC1'),
    owner,
    categories('cardiac'),
    'read-write',
  );
  await share(chain, owner, 'DOC2', ALL, 'read-write');
  await share(chain, owner, 'DOC3', ALL, 'read-write', 3600);
  const revoked = await share(chain, owner, 'DOC4', ALL, 'read-write');
  await chain.ok(owner, tx.consents.revokeAccess, revoked.consentId);
  const rejected = await request(chain, doctor('DOC5'), 'PAT1', ALL, 'read');
  await chain.ok(owner, tx.consents.rejectAccess, rejected.consentId);
  const pending = await request(chain, doctor('DOC6'), 'PAT1', ALL, 'read');
  await share(chain, owner, 'DOC7', categories('dentistry'), 'read-write');
  await share(chain, owner, 'DOC8', categories('cardiac'), 'read');
  await share(chain, owner, 'DOC10', ALL, 'read-write');
  await share(chain, owner, 'DOC11', ALL, 'read-write');
  await chain.ok(adminA, tx.participants.suspendDoctor, 'DOC11');
  await chain.ok(doctor('DOC13'), tx.consents.emergencyAccess, 'PAT1', EMERGENCY_REASON, '');
  chain.ledger.advance(DAY + 1800);
  await chain.ok(doctor('DOC12'), tx.consents.emergencyAccess, 'PAT1', EMERGENCY_REASON, '');
  chain.ledger.advance(1800);
  const readSigners = new Map<string, ReadSigner>();
  for (const reader of [owner, other, ...range(1, 13).map((n) => doctor(`DOC${n}`))]) {
    const mspId = reader.attributes['patrecId'] === 'DOC2' ? HOSPITAL_B : reader.mspId;
    const signer = await registerReadKey(chain, { ...reader, mspId });
    readSigners.set(signer.readerId, signer);
  }
  return {
    chain,
    activeConsent: active.consentId,
    pendingConsent: pending.consentId,
    readSigners,
  };
}

/**
 * The callers of the authorization matrix: the scene's people, PAT9 (never registered),
 * "imp" (PAT1's ID in a certificate from the other hospital), the two hospitals' admins, an
 * auditor, and a certificate without PatRec attributes.
 */
export const CALLERS = {
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
export type CallerKey = keyof typeof CALLERS;

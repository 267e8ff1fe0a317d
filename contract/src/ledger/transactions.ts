import { z } from 'zod';
import * as f from '../fields.js';
import { MAX_READS_PER_BATCH } from '../reads.js';
import { integer, json, optional, text, type Argument } from './arguments.js';
import * as o from './objects.js';

/**
 * Every chaincode transaction: its contract (namespace), name, whether it is submitted
 * (ordered and committed) or evaluated, its arguments in the order the chaincode takes them
 * (the order of the `args` object), and the schema of its result. The chaincode's tests
 * check its contracts against this list; the gateway calls the ledger only through a client
 * derived from it.
 */
/** A transaction's arguments by name, in the chaincode's order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each argument keeps its own type
export type Arguments = Record<string, Argument<any>>;

export interface TransactionDefinition<A extends Arguments = Arguments, R = unknown> {
  readonly contract: string;
  readonly name: string;
  /** How Fabric addresses it: `contract:Name`. */
  readonly fullName: string;
  readonly submit: boolean;
  readonly args: A;
  readonly result: z.ZodType<R>;
}

type Draft<A extends Arguments, R> = Omit<TransactionDefinition<A, R>, 'contract' | 'fullName'>;

const submitted = <A extends Arguments, R>(
  name: string,
  args: A,
  result: z.ZodType<R>,
): Draft<A, R> => ({ name, submit: true, args, result });

const evaluated = <A extends Arguments, R>(
  name: string,
  args: A,
  result: z.ZodType<R>,
): Draft<A, R> => ({ name, submit: false, args, result });

type Contract<T> = {
  [K in keyof T]: T[K] extends Draft<infer A, infer R> ? TransactionDefinition<A, R> : never;
};

function contract<T extends Record<string, Draft<Arguments, unknown>>>(
  name: string,
  drafts: T,
): Contract<T> {
  const entries = Object.entries(drafts).map(([key, draft]) => [
    key,
    { ...draft, contract: name, fullName: `${name}:${draft.name}` },
  ]);
  return Object.fromEntries(entries) as Contract<T>;
}

const page = {
  pageSize: optional(integer()),
  bookmark: optional(text(f.bookmark)),
};

export const transactions = {
  health: contract('health', {
    /** A no-op through endorsement, ordering and commit: the ledger's throughput ceiling. */
    ping: submitted('Ping', {}, z.object({ txId: z.string() })),
    whoAmI: evaluated('WhoAmI', {}, o.callerIdentity),
  }),
  participants: contract('participants', {
    registerSelf: submitted('RegisterSelf', {}, o.participant),
    verifyDoctor: submitted('VerifyDoctor', { doctorId: text(f.doctorId) }, o.participant),
    suspendDoctor: submitted('SuspendDoctor', { doctorId: text(f.doctorId) }, o.participant),
    /** The key the caller signs the reads gateways carry for them with (replaces any before). */
    registerReadKey: submitted('RegisterReadKey', { publicKey: text(f.publicKey) }, o.readKey),
    getParticipant: evaluated(
      'GetParticipant',
      { participantId: text(f.participantId) },
      o.participant,
    ),
    listDoctors: evaluated(
      'ListDoctors',
      { mspId: text(f.mspId), status: optional(text(f.doctorStatus)), ...page },
      f.pageOf(o.participant),
    ),
  }),
  records: contract('records', {
    createRecord: submitted(
      'CreateRecord',
      { patientId: text(f.patientId), category: text(f.category), contentHash: text(f.sha256) },
      o.healthRecord,
    ),
    updateRecord: submitted(
      'UpdateRecord',
      {
        recordId: text(f.recordId),
        category: text(f.category),
        contentHash: text(f.sha256),
        expectedVersion: integer(),
      },
      o.healthRecord,
    ),
    deleteRecord: submitted('DeleteRecord', { recordId: text(f.recordId) }, o.healthRecord),
    getRecord: evaluated('GetRecord', { recordId: text(f.recordId) }, o.healthRecord),
    listRecords: evaluated(
      'ListRecords',
      { patientId: text(f.patientId), ...page },
      f.pageOf(o.healthRecord),
    ),
  }),
  consents: contract('consents', {
    requestAccess: submitted(
      'RequestAccess',
      {
        patientId: text(f.patientId),
        scope: json(f.scope),
        permission: text(f.permission),
        purpose: text(f.purpose),
        durationSeconds: integer(),
      },
      o.consentView,
    ),
    /** Left-out terms keep what was requested; given ones may only narrow it. */
    grantAccess: submitted(
      'GrantAccess',
      {
        consentId: text(f.consentId),
        scope: optional(json(f.scope)),
        permission: optional(text(f.permission)),
        durationSeconds: optional(integer()),
      },
      o.consentView,
    ),
    rejectAccess: submitted('RejectAccess', { consentId: text(f.consentId) }, o.consentView),
    shareWith: submitted(
      'ShareWith',
      {
        doctorId: text(f.doctorId),
        scope: json(f.scope),
        permission: text(f.permission),
        durationSeconds: integer(),
      },
      o.consentView,
    ),
    revokeAccess: submitted('RevokeAccess', { consentId: text(f.consentId) }, o.consentView),
    /** Without durationSeconds, the full 24 hours. */
    emergencyAccess: submitted(
      'EmergencyAccess',
      {
        patientId: text(f.patientId),
        reasonHash: text(f.sha256),
        durationSeconds: optional(integer()),
      },
      o.consentView,
    ),
    getConsent: evaluated('GetConsent', { consentId: text(f.consentId) }, o.consentView),
    listPatientConsents: evaluated(
      'ListPatientConsents',
      { patientId: text(f.patientId), ...page },
      f.pageOf(o.consentView),
    ),
    listDoctorConsents: evaluated(
      'ListDoctorConsents',
      { doctorId: text(f.doctorId), ...page },
      f.pageOf(o.consentView),
    ),
    listPairConsents: evaluated(
      'ListPairConsents',
      { patientId: text(f.patientId), doctorId: text(f.doctorId), ...page },
      f.pageOf(o.consentView),
    ),
    listEmergencyGrants: evaluated('ListEmergencyGrants', { ...page }, f.pageOf(o.consentView)),
  }),
  access: contract('access', {
    /** The current version, or an earlier `version` (checked against its own hash). */
    accessRecord: submitted(
      'AccessRecord',
      { recordId: text(f.recordId), version: optional(integer(z.number().int().min(1))) },
      o.recordAccess,
    ),
    /**
     * Many readers' reads in one transaction, each checked as AccessRecord checks it, for its
     * signer; the outcomes in the order of the reads. `served`: request IDs the carrier
     * answered from an earlier endorsement of them that did not commit; their grant is the
     * one in force when the reader asked.
     */
    recordReads: submitted(
      'RecordReads',
      {
        reads: json(z.array(o.signedRead).min(1).max(MAX_READS_PER_BATCH)),
        served: optional(json(z.array(f.sha256).max(MAX_READS_PER_BATCH))),
      },
      z.array(o.readOutcome),
    ),
    /** A page of the patient's live records; each page is a logged look-up. */
    getRecordDirectory: submitted(
      'GetRecordDirectory',
      { patientId: text(f.patientId), ...page },
      o.recordDirectory,
    ),
    /** Filters left out mean "any"; [from, to) is a time range. */
    listAccessLog: evaluated(
      'ListAccessLog',
      {
        patientId: optional(text(f.patientId)),
        recordId: optional(text(f.recordId)),
        accessorId: optional(text(f.participantId)),
        from: optional(text(f.ledgerTime)),
        to: optional(text(f.ledgerTime)),
        ...page,
      },
      f.pageOf(o.accessEntry),
    ),
  }),
  audit: contract('audit', {
    getParticipantHistory: evaluated(
      'GetParticipantHistory',
      { participantId: text(f.participantId) },
      o.historyOf(o.participant),
    ),
    getRecordHistory: evaluated(
      'GetRecordHistory',
      { recordId: text(f.recordId) },
      o.historyOf(o.healthRecord),
    ),
    getConsentHistory: evaluated(
      'GetConsentHistory',
      { consentId: text(f.consentId) },
      o.historyOf(o.consent),
    ),
    verifyRecordHash: evaluated(
      'VerifyRecordHash',
      { recordId: text(f.recordId), contentHash: text(f.sha256) },
      o.hashCheck,
    ),
    /** Every record of every patient, in key order: what an integrity sweep walks. */
    listAllRecords: evaluated('ListAllRecords', { ...page }, f.pageOf(o.healthRecord)),
  }),
};

export type Transactions = typeof transactions;

/** Every transaction, in the catalogue's order. */
export const allTransactions: TransactionDefinition[] = Object.values(transactions).flatMap(
  (group) => Object.values(group) as TransactionDefinition[],
);

/** The input of a transaction: its arguments by name, those that may be left out optional. */
export type TransactionInput<D extends TransactionDefinition> = OptionalWhenUndefined<{
  [K in keyof D['args']]: D['args'][K] extends Argument<infer V> ? V : never;
}>;
export type TransactionResult<D extends TransactionDefinition> = z.infer<D['result']>;

type OptionalWhenUndefined<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & { [K in keyof T as undefined extends T[K] ? K : never]?: T[K] };

/** The wire form of a call: the arguments as strings, in the chaincode's order. */
export function encodeArguments(definition: TransactionDefinition, input: object): string[] {
  const values = input as Record<string, unknown>;
  return Object.entries(definition.args).map(([name, argument]) =>
    (argument as Argument<unknown>).encode(values[name]),
  );
}

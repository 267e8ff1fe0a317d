import { createHash } from 'node:crypto';
import type { TransactionDefinition, TransactionResult } from '@patrec/contract';
import {
  BATCH_EVENTS,
  formatLedgerError,
  isBatchEventName,
  isLedgerEventName,
  LEDGER_EVENTS,
  type LedgerEventName,
  parseLedgerError,
  type LedgerErrorCode,
  type LedgerRefusalReason,
  type Role,
} from '@patrec/contract/core';
import { expect } from 'chai';
import type { Contract } from 'fabric-contract-api';
import { contracts } from '../index';
import { ChaincodeError } from '../shared/errors';
import { FakeLedger, type FakeStub, type Identity } from './fake-ledger';

export const HOSPITAL_A = 'HospitalAMSP';
export const HOSPITAL_B = 'HospitalBMSP';

/** An identity as a hospital CA enrols it: MSP plus the role and patrecId attributes. */
export function person(role: Role, patrecId: string, mspId = HOSPITAL_A): Identity {
  return { mspId, attributes: { role, patrecId } };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What one transaction did, whether it succeeded or not. */
export interface Call {
  definition: TransactionDefinition;
  fn: string;
  submitted: boolean;
  txId: string;
  output?: string;
  error?: unknown;
  /** putState/deleteState calls the transaction made (failed ones included). */
  writeCalls: number;
  events: { name: string; payload: unknown }[];
}

/** An expected refusal: its code, or FORBIDDEN with the reason it must give. */
export type Refusal = LedgerErrorCode | `FORBIDDEN(${LedgerRefusalReason})`;

interface TransactionMetadata {
  name: string;
  tag?: string[];
}

/** The fabric:transactions metadata the decorators record, which the shim dispatches on. */
export function transactionsOf(contract: Contract): TransactionMetadata[] {
  const reflect = Reflect as unknown as { getMetadata(key: string, target: object): unknown };
  return (reflect.getMetadata('fabric:transactions', contract) ?? []) as TransactionMetadata[];
}

/** The deployed contracts by namespace. */
export function deployedContracts(): Map<string, Contract> {
  return new Map(
    contracts.map((Class) => {
      const contract = new Class();
      return [contract.getName(), contract];
    }),
  );
}

/** A transaction's method, looked up by name as the shim does. */
export function methodOf(contract: Contract, name: string) {
  return (contract as unknown as Record<string, unknown>)[name] as (
    ...parameters: unknown[]
  ) => Promise<string | undefined>;
}

/**
 * The deployed chaincode over a fake ledger. `call(caller, tx.records.createRecord, …)` is
 * dispatched as the shim would: by namespace and name, with the argument count checked
 * against the metadata, as a submit (committed if it succeeds) or an evaluate (never
 * committed) according to the transaction's decorator. Arguments are the wire's strings.
 * Every success is held to the contract: its output to the transaction's result schema,
 * its event to the IDs LEDGER_EVENTS lists for it.
 */
export class TestChain {
  readonly #contracts = deployedContracts();

  constructor(readonly ledger = new FakeLedger()) {}

  clone(): TestChain {
    return new TestChain(this.ledger.clone());
  }

  async call(
    caller: Identity,
    definition: TransactionDefinition,
    ...args: string[]
  ): Promise<Call> {
    const fn = definition.fullName;
    const contract = this.#contracts.get(definition.contract);
    const metadata = contract && transactionsOf(contract).find((tx) => tx.name === definition.name);
    if (!contract || !metadata) throw new Error(`no transaction ${fn}`);
    const method = methodOf(contract, definition.name);
    // The shim checks the count against the parameter metadata, which tsc derives from the
    // signature; tsx (esbuild) emits none, so the signature is read directly.
    const expected = method.length - 1;
    if (args.length !== expected) {
      throw new Error(`${fn} takes ${expected} arguments, was given ${args.length}`);
    }
    const submitted = metadata.tag?.includes('SUBMIT') ?? false;
    const stub = this.ledger.begin(caller);
    const call = (output: string | undefined, error: unknown): Call => ({
      definition,
      fn,
      submitted,
      txId: stub.txId,
      output,
      error,
      writeCalls: stub.writeCalls,
      events: [...stub.events],
    });
    let output: string | undefined;
    try {
      output = await method.call(contract, stub.context, ...args);
    } catch (error) {
      return call(undefined, error);
    }
    const done = call(output, undefined);
    expectContractShapes(done);
    if (submitted) this.ledger.commit(stub);
    return done;
  }

  /** Calls and expects success; returns the parsed output. */
  async ok<D extends TransactionDefinition>(
    caller: Identity,
    definition: D,
    ...args: string[]
  ): Promise<TransactionResult<D>> {
    const call = await this.call(caller, definition, ...args);
    expectAllowed(call);
    return JSON.parse(call.output ?? 'null') as TransactionResult<D>;
  }

  /** Calls and expects `refusal`, having written nothing; returns the message. */
  async refused(
    caller: Identity,
    refusal: Refusal,
    definition: TransactionDefinition,
    ...args: string[]
  ): Promise<string> {
    const call = await this.call(caller, definition, ...args);
    expectDenied(call, refusal);
    return (call.error as ChaincodeError).message;
  }
}

/**
 * A successful output validates against the transaction's result schema and has no field
 * the schema lacks (zod would strip it silently); each event names one of LEDGER_EVENTS and
 * carries exactly its IDs.
 */
function expectContractShapes(call: Call): void {
  const output: unknown = JSON.parse(call.output ?? 'null');
  const checked = call.definition.result.safeParse(output);
  if (!checked.success) {
    expect.fail(`${call.fn} answered outside its result schema: ${checked.error.message}`);
  }
  expect(checked.data, `${call.fn} answered fields its result schema lacks`).to.deep.equal(output);
  for (const { name, payload } of call.events) {
    if (isBatchEventName(name)) {
      const { events } = payload as { events: unknown[] };
      expect(events, `${name} events`).to.be.an('array').with.length.greaterThan(0);
      for (const ids of events) expectEventIds(BATCH_EVENTS[name], ids);
    } else if (isLedgerEventName(name)) {
      expectEventIds(name, payload);
    } else {
      expect.fail(`${call.fn} emitted an unknown event ${name}`);
    }
  }
}

function expectEventIds(name: LedgerEventName, payload: unknown): void {
  expect(Object.keys(payload as object).sort(), `${name} IDs`).to.deep.equal(
    [...LEDGER_EVENTS[name]].sort(),
  );
  for (const id of Object.values(payload as object)) {
    expect(id === null || typeof id === 'string', `${name} IDs`).to.equal(true);
  }
}

export function expectAllowed(call: Call): void {
  if (call.error !== undefined) {
    const message = call.error instanceof Error ? call.error.message : JSON.stringify(call.error);
    expect.fail(`${call.fn} was refused: ${message}`);
  }
  if (call.submitted && call.writeCalls > 0) {
    // Fabric keeps one event per transaction: a second setEvent would silently replace the first.
    expect(call.events, `${call.fn} events`).to.have.lengthOf(1);
  } else {
    expect(call.writeCalls, `${call.fn} writes`).to.equal(0);
    expect(call.events, `${call.fn} events`).to.deep.equal([]);
  }
}

const REFUSAL_MESSAGE = /^(FORBIDDEN\([A-Z_]+\)|NOT_FOUND|CONFLICT|INVALID_ARGUMENT|EXPIRED): \S/;

/**
 * A refusal for the stated reason, before anything was written or announced. Its message is
 * the refusal as data (`CODE: detail`, `FORBIDDEN(REASON): detail`), which the contract's
 * parseLedgerError reads back whole. A bare 'FORBIDDEN' accepts any reason.
 */
export function expectDenied(call: Call, refusal: Refusal): void {
  if (call.error === undefined) expect.fail(`${call.fn} was allowed; expected ${refusal}`);
  if (!(call.error instanceof ChaincodeError)) {
    const message = call.error instanceof Error ? call.error.message : JSON.stringify(call.error);
    expect.fail(`${call.fn} failed without a code: ${message}`);
  }
  const { code, reason, detail, message } = call.error;
  expect(message, 'refusal format').to.match(REFUSAL_MESSAGE);
  expect(message).to.equal(formatLedgerError({ code, reason, detail }));
  expect(parseLedgerError(message), message).to.deep.equal({ code, reason, detail });
  const actual = code === 'FORBIDDEN' ? `FORBIDDEN(${reason})` : code;
  expect(refusal === 'FORBIDDEN' ? code : actual, message).to.equal(refusal);
  expect(call.writeCalls, `${call.fn} wrote before refusing`).to.equal(0);
  expect(call.events, `${call.fn} announced a refused change`).to.deep.equal([]);
}

/** A committed value, parsed. */
export function stateOf(chain: TestChain, key: string): unknown {
  const value = chain.ledger.value(key);
  return value === undefined ? undefined : JSON.parse(Buffer.from(value).toString('utf8'));
}

export type { FakeStub, Identity };

/** A composite key as the stub builds it, for reading committed state in tests. */
export function compositeKey(objectType: string, ...attributes: string[]): string {
  return `\u0000${[objectType, ...attributes].map((part) => `${part}\u0000`).join('')}`;
}

import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { Contract } from 'fabric-contract-api';
import { contracts } from '../index';
import { ChaincodeError, type ErrorCode } from '../shared/errors';
import type { Role } from '../shared/caller';
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
  fn: string;
  submitted: boolean;
  txId: string;
  output?: string;
  error?: unknown;
  /** putState/deleteState calls the transaction made (failed ones included). */
  writeCalls: number;
  events: { name: string; payload: unknown }[];
}

interface TransactionMetadata {
  name: string;
  tag?: string[];
}

/** The fabric:transactions metadata the decorators record, which the shim dispatches on. */
function transactionsOf(contract: Contract): TransactionMetadata[] {
  const reflect = Reflect as unknown as { getMetadata(key: string, target: object): unknown };
  return (reflect.getMetadata('fabric:transactions', contract) ?? []) as TransactionMetadata[];
}

/**
 * The deployed chaincode over a fake ledger. `call('records:CreateRecord', …)` is dispatched
 * as the shim would: by namespace and name, with the argument count checked against the
 * metadata, as a submit (committed if it succeeds) or an evaluate (never committed)
 * according to the transaction's decorator.
 */
export class TestChain {
  readonly #contracts = new Map<string, Contract>(
    contracts.map((Class) => {
      const contract = new Class();
      return [contract.getName(), contract];
    }),
  );

  constructor(readonly ledger = new FakeLedger()) {}

  clone(): TestChain {
    return new TestChain(this.ledger.clone());
  }

  async call(caller: Identity, fn: string, ...args: string[]): Promise<Call> {
    const [namespace = '', name = ''] = fn.split(':');
    const contract = this.#contracts.get(namespace);
    const metadata = contract && transactionsOf(contract).find((tx) => tx.name === name);
    if (!contract || !metadata) throw new Error(`no transaction ${fn}`);
    const method = (contract as unknown as Record<string, unknown>)[name] as (
      ...parameters: unknown[]
    ) => Promise<string | undefined>;
    // The shim checks the count against the parameter metadata, which tsc derives from the
    // signature; tsx (esbuild) emits none, so the signature is read directly.
    const expected = method.length - 1;
    if (args.length !== expected) {
      throw new Error(`${fn} takes ${expected} arguments, was given ${args.length}`);
    }
    const submitted = metadata.tag?.includes('SUBMIT') ?? false;
    const stub = this.ledger.begin(caller);
    const call = (output: string | undefined, error: unknown): Call => ({
      fn,
      submitted,
      txId: stub.txId,
      output,
      error,
      writeCalls: stub.writeCalls,
      events: [...stub.events],
    });
    try {
      const output = await method.call(contract, stub.context, ...args);
      if (submitted) this.ledger.commit(stub);
      return call(output, undefined);
    } catch (error) {
      return call(undefined, error);
    }
  }

  /** Calls and expects success; returns the parsed output. */
  async ok<T = unknown>(caller: Identity, fn: string, ...args: string[]): Promise<T> {
    const call = await this.call(caller, fn, ...args);
    expectAllowed(call);
    return (call.output === undefined ? undefined : JSON.parse(call.output)) as T;
  }

  /** Calls and expects a refusal with `code`, having written nothing. */
  async refused(caller: Identity, code: ErrorCode, fn: string, ...args: string[]): Promise<string> {
    const call = await this.call(caller, fn, ...args);
    expectDenied(call, code);
    return (call.error as ChaincodeError).message;
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

/** A refusal for the stated reason, before anything was written or announced. */
export function expectDenied(call: Call, code: ErrorCode): void {
  if (call.error === undefined) expect.fail(`${call.fn} was allowed; expected ${code}`);
  if (!(call.error instanceof ChaincodeError)) {
    const message = call.error instanceof Error ? call.error.message : JSON.stringify(call.error);
    expect.fail(`${call.fn} failed without a code: ${message}`);
  }
  expect(call.error.code, call.error.message).to.equal(code);
  expect(call.error.message.startsWith(`${code}: `)).to.equal(true);
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

import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import type { ChaincodeStub, ClientIdentity, Iterators, Timestamp } from 'fabric-shim';

/**
 * An in-memory stand-in for a peer: committed world state with history, and per-transaction
 * stubs that behave as Fabric's do where the contract could go wrong —
 * - reads see committed state only, never the transaction's own writes;
 * - an empty value is refused (Fabric would treat it as a delete);
 * - simple-key range queries refuse composite keys, as the shim does;
 * - a paginated query after a write, or a write after a paginated query, fails, as the
 *   peer's simulator makes it fail ("paginated queries are supported only in a read-only
 *   transaction");
 * - a page starts at the bookmark as given (the peer does not check it);
 * - history comes newest first (Fabric ≥ 2.0);
 * - keys sort in UTF-8 byte order, as in LevelDB.
 */

const COMPOSITE_NS = '\u0000';
const MIN_RUNE = '\u0000';
const MAX_RUNE = '\u{10ffff}';

export interface Identity {
  mspId: string;
  attributes: Record<string, string>;
}

interface Modification {
  txId: string;
  millis: number;
  isDelete: boolean;
  value: Uint8Array;
}

export interface LedgerEvent {
  name: string;
  payload: unknown;
  txId: string;
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function timestampOf(millis: number): Timestamp {
  const seconds = Math.floor(millis / 1000);
  return {
    // The shim hands out a Long; the contract only stringifies it.
    seconds: { toString: () => String(seconds), toNumber: () => seconds } as Timestamp['seconds'],
    nanos: (millis % 1000) * 1_000_000,
  };
}

export class FakeLedger {
  readonly #state: Map<string, Uint8Array>;
  readonly #history: Map<string, Modification[]>;
  readonly #events: LedgerEvent[];
  #millis: number;
  #transactions: number;

  constructor(start = '2026-01-01T00:00:00.000Z') {
    this.#state = new Map();
    this.#history = new Map();
    this.#events = [];
    this.#millis = Date.parse(start);
    this.#transactions = 0;
  }

  /** An independent copy: what one test does to it leaves the original as it was. */
  clone(): FakeLedger {
    const copy = new FakeLedger();
    for (const [key, value] of this.#state) copy.#state.set(key, value);
    for (const [key, entries] of this.#history) copy.#history.set(key, [...entries]);
    copy.#events.push(...this.#events);
    copy.#millis = this.#millis;
    copy.#transactions = this.#transactions;
    return copy;
  }

  /** The time the next transaction will carry. */
  get now(): string {
    return new Date(this.#millis).toISOString();
  }

  advance(seconds: number): void {
    this.#millis += seconds * 1000;
  }

  /** Committed keys in ledger order. */
  keys(): string[] {
    return [...this.#state.keys()].sort(byteOrder);
  }

  value(key: string): Uint8Array | undefined {
    return this.#state.get(key);
  }

  /** Takes a key and its history away, as if it had never been written (an older chaincode's ledger). */
  neverWritten(key: string): void {
    this.#state.delete(key);
    this.#history.delete(key);
  }

  /** Committed events, oldest first. */
  get events(): readonly LedgerEvent[] {
    return this.#events;
  }

  /** Opens a transaction; each one is a millisecond after the last. */
  begin(caller: Identity): FakeStub {
    this.#transactions += 1;
    const txId = createHash('sha256').update(`tx-${this.#transactions}`).digest('hex');
    const stub = new FakeStub(this.#state, this.#history, txId, this.#millis, caller);
    this.#millis += 1;
    return stub;
  }

  /** Applies a transaction's writes and event, as a peer does when the block commits. */
  commit(stub: FakeStub): void {
    for (const [key, value] of stub.writes) {
      if (value === null) this.#state.delete(key);
      else this.#state.set(key, value);
      const entries = this.#history.get(key) ?? [];
      entries.push({
        txId: stub.txId,
        millis: stub.millis,
        isDelete: value === null,
        value: value ?? new Uint8Array(0),
      });
      this.#history.set(key, entries);
    }
    const event = stub.events.at(-1);
    if (event) this.#events.push({ ...event, txId: stub.txId });
  }
}

type KV = Iterators.KV;

export class FakeStub {
  /** Pending writes in order; null is a delete. */
  readonly writes = new Map<string, Uint8Array | null>();
  /** Every setEvent call (Fabric keeps only the last). */
  readonly events: { name: string; payload: unknown }[] = [];
  /** Every putState/deleteState call, including ones that rewrote the same key. */
  writeCalls = 0;
  #paginatedQuery = false;

  constructor(
    readonly committed: ReadonlyMap<string, Uint8Array>,
    readonly history: ReadonlyMap<string, readonly Modification[]>,
    readonly txId: string,
    readonly millis: number,
    readonly caller: Identity,
  ) {}

  get context(): Context {
    return {
      stub: this as unknown as ChaincodeStub,
      clientIdentity: new FakeClientIdentity(this.caller) as unknown as ClientIdentity,
    } as unknown as Context;
  }

  getTxID(): string {
    return this.txId;
  }

  getChannelID(): string {
    return 'ehr';
  }

  getTxTimestamp(): Timestamp {
    return timestampOf(this.millis);
  }

  getDateTimestamp(): Date {
    return new Date(this.millis);
  }

  getState(key: string): Promise<Uint8Array> {
    requireKey(key);
    return Promise.resolve(this.committed.get(key) ?? new Uint8Array(0));
  }

  putState(key: string, value: Uint8Array): Promise<void> {
    requireKey(key);
    if (value.length === 0) throw new Error(`putState(${key}) with an empty value would delete it`);
    this.#beforeWrite();
    this.writes.set(key, Uint8Array.from(value));
    return Promise.resolve();
  }

  deleteState(key: string): Promise<void> {
    requireKey(key);
    this.#beforeWrite();
    this.writes.set(key, null);
    return Promise.resolve();
  }

  setEvent(name: string, payload: Uint8Array): void {
    if (!name) throw new Error('event name must be a non-empty string');
    this.events.push({ name, payload: JSON.parse(Buffer.from(payload).toString('utf8')) });
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    for (const part of [objectType, ...attributes]) {
      if (typeof part !== 'string' || part.length === 0) {
        throw new Error('object type or attribute not a non-zero length string');
      }
    }
    return COMPOSITE_NS + [objectType, ...attributes].map((part) => part + MIN_RUNE).join('');
  }

  splitCompositeKey(compositeKey: string): { objectType: string; attributes: string[] } {
    const [objectType = '', ...attributes] = compositeKey.slice(1).split(MIN_RUNE);
    attributes.pop();
    return { objectType, attributes };
  }

  getStateByRange(startKey: string, endKey: string) {
    requireSimpleKeys(startKey, endKey);
    return iterable(this.#scan(startKey || '\u0001', endKey));
  }

  getStateByRangeWithPagination(startKey: string, endKey: string, pageSize: number, bookmark = '') {
    requireSimpleKeys(startKey, endKey);
    return this.#page(startKey || '\u0001', endKey, pageSize, bookmark);
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]) {
    const start = this.createCompositeKey(objectType, attributes);
    return iterable(this.#scan(start, start + MAX_RUNE));
  }

  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark = '',
  ) {
    const start = this.createCompositeKey(objectType, attributes);
    return this.#page(start, start + MAX_RUNE, pageSize, bookmark);
  }

  getHistoryForKey(key: string) {
    const modifications = [...(this.history.get(key) ?? [])]
      .reverse()
      .map((entry): Iterators.KeyModification => ({
        txId: entry.txId,
        isDelete: entry.isDelete,
        value: entry.value,
        // History entries carry a plain protobuf object, seconds as a number.
        timestamp: {
          seconds: Math.floor(entry.millis / 1000),
          nanos: (entry.millis % 1000) * 1_000_000,
        } as unknown as Timestamp,
      }));
    return iterable(modifications);
  }

  getQueryResult(): never {
    throw new Error('rich queries need CouchDB; PatRec peers run LevelDB');
  }

  getQueryResultWithPagination(): never {
    throw new Error('rich queries need CouchDB; PatRec peers run LevelDB');
  }

  #beforeWrite(): void {
    if (this.#paginatedQuery) {
      throw new Error(
        `txid [${this.txId}]: Transaction has already performed a paginated query. Writes are not allowed`,
      );
    }
    this.writeCalls += 1;
  }

  #scan(start: string, end: string): KV[] {
    return [...this.committed.keys()]
      .filter((key) => byteOrder(key, start) >= 0 && (end === '' || byteOrder(key, end) < 0))
      .sort(byteOrder)
      .map((key) => ({
        namespace: 'patrec',
        key,
        value: this.committed.get(key) ?? new Uint8Array(0),
      }));
  }

  #page(start: string, end: string, pageSize: number, bookmark: string) {
    if (this.writeCalls > 0) {
      throw new Error(
        `txid [${this.txId}]: Paginated queries are supported only in a read-only transaction`,
      );
    }
    if (!Number.isInteger(pageSize) || pageSize <= 0) throw new Error('page size must be positive');
    this.#paginatedQuery = true;
    const all = this.#scan(bookmark || start, end);
    const items = all.slice(0, pageSize);
    const response = {
      iterator: iteratorOf(items),
      metadata: { fetchedRecordsCount: items.length, bookmark: all[pageSize]?.key ?? '' },
    };
    return withAsyncIteration(Promise.resolve(response), items);
  }
}

export class FakeClientIdentity {
  constructor(readonly identity: Identity) {}

  getMSPID(): string {
    return this.identity.mspId;
  }

  getAttributeValue(name: string): string | null {
    return this.identity.attributes[name] ?? null;
  }

  assertAttributeValue(name: string, value: string): boolean {
    return this.identity.attributes[name] === value;
  }

  getID(): string {
    const cn = this.identity.attributes['patrecId'] ?? 'anonymous';
    return `x509::/CN=${cn}::/CN=ca.${this.identity.mspId}`;
  }

  getIDBytes(): Uint8Array {
    return Buffer.from(this.getID());
  }
}

function requireKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0)
    throw new Error('key must not be an empty string');
}

function requireSimpleKeys(...keys: string[]): void {
  for (const key of keys) {
    if (key.startsWith(COMPOSITE_NS)) {
      throw new Error(
        `first character of the key [${key}] contains a null character which is not allowed`,
      );
    }
  }
}

function iteratorOf<T>(items: T[]): Iterators.CommonIterator<T> {
  let next = 0;
  return {
    next: () =>
      Promise.resolve(
        next < items.length
          ? { value: items[next++] as T, done: false }
          : ({ done: true } as Iterators.NextResult<T>),
      ),
    close: () => Promise.resolve(),
  };
}

/** The shim's dual return: a promise of an iterator that is also async-iterable. */
function iterable<T>(items: T[]) {
  return withAsyncIteration(Promise.resolve(iteratorOf(items)), items);
}

function withAsyncIteration<P extends Promise<unknown>, T>(promise: P, items: T[]) {
  return Object.assign(promise, {
    // Shim iterators answer next() with { value, done }, which is the async-iterator protocol.
    [Symbol.asyncIterator]: () => iteratorOf(items) as unknown as AsyncIterator<T>,
  }) as P & AsyncIterable<T>;
}

import type { Context } from 'fabric-contract-api';

/**
 * A transaction sees the state as it was when it began (Fabric shows a transaction none of
 * its own writes), so whatever it reads twice reads the same. Remembering the first answer
 * spares the round trips to the peer when a batch of reads shares a reader, a record or a
 * consent; the read set the peer records is the same.
 */
const readsOf = new WeakMap<object, Map<string, Promise<unknown>>>();

/** `read()`'s answer, asked for once per transaction under `what`. */
export function onceInTransaction<T>(
  ctx: Context,
  what: string,
  read: () => Promise<T>,
): Promise<T> {
  let reads = readsOf.get(ctx.stub);
  if (!reads) {
    reads = new Map();
    readsOf.set(ctx.stub, reads);
  }
  let answer = reads.get(what) as Promise<T> | undefined;
  if (!answer) {
    answer = read();
    reads.set(what, answer);
  }
  return answer;
}

/** A key's value as this transaction sees it (empty when absent). */
export function stateOf(ctx: Context, key: string): Promise<Uint8Array> {
  return onceInTransaction(ctx, `state ${key}`, () => ctx.stub.getState(key));
}

import type { Context } from 'fabric-contract-api';
import {
  BATCH_EVENTS,
  type BatchEventName,
  type LedgerEventIds,
  type LedgerEventName,
} from '@patrec/contract/core';
import { toLedger } from './ledger-json';

/**
 * Announces a state change. Fabric keeps one event per transaction (a second setEvent
 * replaces the first), so every transaction that writes calls this exactly once. Payloads
 * carry the IDs the contract lists for the event and nothing else: listeners read the rest
 * through the contract, which checks who asks.
 */
export function emitEvent<N extends LedgerEventName>(
  ctx: Context,
  name: N,
  ids: LedgerEventIds<N>,
): void {
  ctx.stub.setEvent(name, toLedger(ids));
}

/** Announces many changes of one kind in one event (see BATCH_EVENTS), the same way. */
export function emitBatchEvent<B extends BatchEventName>(
  ctx: Context,
  name: B,
  events: LedgerEventIds<(typeof BATCH_EVENTS)[B]>[],
): void {
  ctx.stub.setEvent(name, toLedger({ events }));
}

import type { Context } from 'fabric-contract-api';
import type { LedgerEventIds, LedgerEventName } from '@patrec/contract/core';
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

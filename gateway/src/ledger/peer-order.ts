import { connectivityState } from '@grpc/grpc-js';

/**
 * The order to try the hospitals' peers in for a person of `own`'s hospital: their own
 * first, unless its connection is failing; then the others, those connected first.
 */
export function peerOrder(
  own: string,
  states: readonly (readonly [string, connectivityState])[],
): string[] {
  const failing = (state: connectivityState) => state === connectivityState.TRANSIENT_FAILURE;
  const ownState = states.find(([msp]) => msp === own)?.[1];
  const others = states
    .filter(([msp]) => msp !== own)
    .sort(([, a], [, b]) => rank(a) - rank(b))
    .map(([msp]) => msp);
  return ownState !== undefined && failing(ownState) ? [...others, own] : [own, ...others];
}

/** Connected peers first, failing ones last. */
function rank(state: connectivityState): number {
  switch (state) {
    case connectivityState.READY:
      return 0;
    case connectivityState.IDLE:
    case connectivityState.CONNECTING:
      return 1;
    case connectivityState.TRANSIENT_FAILURE:
    case connectivityState.SHUTDOWN:
      return 2;
  }
}

import type { Gateway } from '@hyperledger/fabric-gateway';

/** Long enough for a busy peer to validate and commit the block. */
const waitMs = 2000;

/** How many of the other peers make a majority with the one that reported the commit. */
export const majorityBeyondOwn = (others: Gateway[]) => Math.floor((others.length + 1) / 2);

/**
 * Waits until `needed` of the other peers have committed a transaction its own peer
 * reported committed (a peer that is down, or further behind than the wait, is not waited
 * for). Peers commit each block at their own pace, and a call endorsed on one a moment
 * behind does not see the write. Once a majority holds it, every endorsement under the
 * MAJORITY policy includes a peer that does: a read after a revocation is refused.
 */
export async function committedOn(
  others: Gateway[],
  signedCommitRequest: Uint8Array,
  needed = majorityBeyondOwn(others),
) {
  if (needed <= 0) return;
  const deadline = Date.now() + waitMs;
  let committed = 0;
  let pending = others.length;
  await new Promise<void>((resolve) => {
    const settled = (ok: boolean) => {
      if (ok) committed += 1;
      pending -= 1;
      if (committed >= needed || pending === 0) resolve();
    };
    for (const gateway of others) {
      gateway
        .newCommit(signedCommitRequest)
        .getStatus({ deadline })
        .then(
          () => settled(true),
          () => settled(false),
        );
    }
  });
}

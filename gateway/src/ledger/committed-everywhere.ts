import type { Gateway } from '@hyperledger/fabric-gateway';

/** Long enough for a peer fed by a Raft follower to hear of the block (a heartbeat or two). */
const everywhereWaitMs = 2000;

/**
 * Waits until each of the other peers has committed a transaction its own peer reported
 * committed. A peer fed blocks by a Raft follower hears of a block up to a heartbeat later
 * than one fed by the leader, and a call endorsed there in that moment would not see the
 * write: a doctor refused just after the grant, a record not found just after its creation,
 * a read allowed just after a revocation. A peer that is down, or further behind than the
 * wait, is not waited for.
 */
export async function committedEverywhere(others: Gateway[], signedCommitRequest: Uint8Array) {
  const deadline = Date.now() + everywhereWaitMs;
  await Promise.all(
    others.map((gateway) =>
      gateway
        .newCommit(signedCommitRequest)
        .getStatus({ deadline })
        .catch(() => undefined),
    ),
  );
}

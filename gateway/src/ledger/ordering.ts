import { status as grpcStatus } from '@grpc/grpc-js';
import {
  GatewayError,
  StatusCode,
  type Status,
  type Transaction,
} from '@hyperledger/fabric-gateway';
import { ApiError } from '../http/api-error.js';

/** How long to keep sending one endorsed transaction, and how long each wait may take. */
export interface OrderingTimes {
  /** From the first send: after this the outcome is reported unknown. */
  budgetMs: number;
  /** The longest wait for one send's commit status. */
  statusWaitMs: number;
  /** Between a lost answer and the next send. */
  pauseMs: number;
}

/** A request's share: a lost transaction is sent again twice or thrice in ten seconds. */
export const requestOrderingTimes: OrderingTimes = {
  budgetMs: 10_000,
  statusWaitMs: 4_000,
  pauseMs: 500,
};

/** What the ledger said of a transaction, and the signed request that asked it. */
export interface Ordered {
  status: Status;
  /** Serialized: another peer's `Gateway.newCommit` asks it the same. */
  commitRequest: Uint8Array;
}

/** The ledger has not said whether the transaction committed; it is being found out. */
export class OutcomeUnknown extends ApiError {
  constructor(readonly transactionId: string) {
    super(
      'UNAVAILABLE',
      'the ledger has not yet confirmed this write; it is being resolved, ask again in a few seconds',
      undefined,
      5,
    );
  }
}

/**
 * The answers after which a transaction may or may not have reached the orderers: the peer
 * or an orderer went away, there was no Raft leader, or a deadline passed.
 */
const outcomeUnknownCodes: number[] = [
  grpcStatus.UNAVAILABLE,
  grpcStatus.DEADLINE_EXCEEDED,
  grpcStatus.CANCELLED,
  grpcStatus.ABORTED,
];

/** One send and one commit-status wait per try: the next round (or request) tries again. */
export const settleOrderingTimes: OrderingTimes = {
  budgetMs: 3_000,
  statusWaitMs: 3_000,
  pauseMs: 0,
};

export const isOutcomeUnknown = (error: unknown) =>
  error instanceof GatewayError && outcomeUnknownCodes.includes(Number(error.code));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends an endorsed transaction to the orderers and waits for its commit status. When the
 * answer is lost (an orderer died holding it, a deadline passed) the same signed envelope is
 * sent again: a peer commits a transaction ID at most once and reports the status of its
 * first occurrence, so this never writes twice, and a transaction an orderer lost is
 * ordered after all. Throws OutcomeUnknown when the budget runs out first.
 */
export async function orderUntilKnown(
  transaction: Transaction,
  times: OrderingTimes = requestOrderingTimes,
): Promise<Ordered> {
  const end = Date.now() + times.budgetMs;
  const waitUntil = () =>
    Math.max(Math.min(end, Date.now() + times.statusWaitMs), Date.now() + 1000);
  for (;;) {
    try {
      const submitted = await transaction.submit({ deadline: waitUntil() });
      const status = await submitted.getStatus({ deadline: waitUntil() });
      // Only a duplicate of a duplicate could be reported so: nothing certain to act on.
      if (status.code === StatusCode.DUPLICATE_TXID) break;
      return { status, commitRequest: submitted.getBytes() };
    } catch (error) {
      if (!isOutcomeUnknown(error)) throw error;
      if (Date.now() + times.pauseMs >= end) break;
      await sleep(times.pauseMs);
    }
  }
  throw new OutcomeUnknown(transaction.getTransactionId());
}

import { randomInt } from 'node:crypto';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { transactions } from '@patrec/contract';
import type { NetworkConfig } from '../config/network-config.js';
import { gatewayFor, peerConnection } from '../ledger/connect.js';
import { enrollPerson } from '../ledger/enroll.js';
import { submitWhile, type BenchResult } from './ledger-bench.js';

/** How long each step of the successful submits took, as the client saw it. */
export interface SubmitPhases {
  endorse: number[];
  submit: number[];
  commitStatus: number[];
}

/** How much to submit: for a while, or a number of transactions. */
export type SubmitLimit = { seconds: number } | { transactions: number };

/**
 * The ledger's ceiling: `clients` concurrent clients, spread over the hospitals, each with
 * its own enrolled identity, submitting the no-op `health.ping` through
 * @hyperledger/fabric-gateway and waiting for each commit, up to the limit. The clock
 * starts once every client is enrolled (enrolling 64 takes longer than many a run).
 */
export async function noOpCeiling(
  config: NetworkConfig,
  clients: number,
  limit: SubmitLimit,
  onProgress: (done: number) => void,
): Promise<BenchResult & { phasesMs: SubmitPhases }> {
  const connections = config.hospitals.map((org) => peerConnection(config, org));
  const gateways: Gateway[] = [];
  try {
    for (let i = 0; i < clients; i += 1) {
      const index = i % config.hospitals.length;
      const identity = await enrollPerson(config.hospitals[index]!, {
        role: 'auditor',
        patrecId: `AUD${randomInt(1e8, 1e11)}`,
      });
      gateways.push(gatewayFor(connections[index]!, identity));
    }
    const contracts = gateways.map((g) =>
      g.getNetwork(config.channel).getContract(config.chaincode),
    );
    const phasesMs: SubmitPhases = { endorse: [], submit: [], commitStatus: [] };
    const result = await submitWhile(
      contracts,
      moreWithin(limit),
      async (contract) => {
        const t0 = performance.now();
        const transaction = await contract.newProposal(transactions.health.ping.fullName).endorse();
        const t1 = performance.now();
        const commit = await transaction.submit();
        const t2 = performance.now();
        const status = await commit.getStatus();
        phasesMs.endorse.push(t1 - t0);
        phasesMs.submit.push(t2 - t1);
        phasesMs.commitStatus.push(performance.now() - t2);
        if (!status.successful) throw new Error(`validation code ${status.code}`);
      },
      onProgress,
    );
    return { ...result, phasesMs };
  } finally {
    gateways.forEach((g) => g.close());
    connections.forEach((c) => c.close());
  }
}

/** A `more()` for submitWhile that says yes until the limit, counted from now. */
export function moreWithin(limit: SubmitLimit): () => boolean {
  if ('seconds' in limit) {
    const until = performance.now() + limit.seconds * 1000;
    return () => performance.now() < until;
  }
  let started = 0;
  return () => started++ < limit.transactions;
}

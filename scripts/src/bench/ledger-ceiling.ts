import { randomInt } from 'node:crypto';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { transactions } from '@patrec/contract';
import type { NetworkConfig } from '../config/network-config.js';
import { gatewayFor, peerConnection } from '../ledger/connect.js';
import { enrollPerson } from '../ledger/enroll.js';
import { submitWhile, type BenchResult } from './ledger-bench.js';

/**
 * The ledger's ceiling: `clients` concurrent clients, spread over the hospitals, each with
 * its own enrolled identity, submitting the no-op `health.ping` through
 * @hyperledger/fabric-gateway and waiting for each commit, while `more()` says so.
 */
export async function noOpCeiling(
  config: NetworkConfig,
  clients: number,
  more: () => boolean,
  onProgress: (done: number) => void,
): Promise<BenchResult> {
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
    return await submitWhile(
      contracts,
      more,
      async (contract) => {
        const commit = await contract.submitAsync(transactions.health.ping.fullName);
        const status = await commit.getStatus();
        if (!status.successful) throw new Error(`validation code ${status.code}`);
      },
      onProgress,
    );
  } finally {
    gateways.forEach((g) => g.close());
    connections.forEach((c) => c.close());
  }
}

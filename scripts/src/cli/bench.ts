import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { loadNetworkConfig } from '../config/network-config.js';
import { percentile, submitConcurrently } from '../bench/ledger-bench.js';
import { gatewayFor, peerConnection } from '../ledger/connect.js';
import { enrollPerson } from '../ledger/enroll.js';
import { runCli } from './run-cli.js';

class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * `npm run bench -- ledger [--clients 20] [--transactions 1000]`: the ledger's ceiling. N
 * concurrent clients submit the no-op `health:Ping` through @hyperledger/fabric-gateway and
 * wait for each commit; prints committed tx/s and the submit-to-commit p50 and p99.
 */
runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      clients: { type: 'string', default: '20' },
      transactions: { type: 'string', default: '1000' },
    },
  });
  if (positionals[0] !== 'ledger') {
    throw new UsageError('usage: npm run bench -- ledger [--clients N] [--transactions N]');
  }
  const clients = Number(values.clients);
  const total = Number(values.transactions);
  if (!Number.isInteger(clients) || clients < 1 || !Number.isInteger(total) || total < 1) {
    throw new UsageError('--clients and --transactions take positive whole numbers');
  }

  const config = loadNetworkConfig();
  // Half the clients at each hospital, each with its own enrolled identity.
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
      g.getNetwork(config.channel).getContract(config.chaincode, 'health'),
    );
    console.log(`Submitting ${total} no-op transactions from ${clients} concurrent clients …`);
    const result = await submitConcurrently(
      contracts,
      total,
      async (contract) => {
        const commit = await contract.submitAsync('Ping');
        const status = await commit.getStatus();
        if (!status.successful) throw new Error(`validation code ${status.code}`);
      },
      (done) => console.log(`  ${done}/${total}`),
    );
    const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(`
Ledger benchmark (${config.ordererOrg.orderers.length} Raft orderers, ${config.hospitals.length} peers, BatchTimeout ${config.batchTimeout}, MAJORITY endorsement)
  clients        ${clients}
  committed      ${result.transactions} (${result.failures} failed)
  throughput     ${(result.transactions / result.seconds).toFixed(1)} tx/s
  latency p50    ${fmt(percentile(result.latenciesMs, 0.5))}
  latency p99    ${fmt(percentile(result.latenciesMs, 0.99))}
  wall time      ${result.seconds.toFixed(1)} s`);
  } finally {
    gateways.forEach((g) => g.close());
    connections.forEach((c) => c.close());
  }
});

import { readFileSync } from 'node:fs';
import { transactions } from '@patrec/contract';
import type { HospitalConfig, NetworkConfig } from '../config/network-config.js';
import { gatewayFor, peerConnection } from '../ledger/connect.js';
import { paths } from '../runtime/paths.js';
import { waitFor } from '../process/wait.js';
import { identityFiles, orgAdminName } from './identities.js';
import { peerProcessName } from './peer.js';

/**
 * Waits until each hospital can do what applications do: submit the no-op
 * `transactions.health.ping` through its peer's Gateway service and see it committed. That
 * needs the chaincode launched on both peers, discovery seeing the other hospital (anchor
 * peers, gossip) and a Raft leader, so `npm start` returns only when the first real
 * transaction will succeed.
 */
export async function waitForLedgerReady(config: NetworkConfig) {
  for (const org of config.hospitals) {
    await waitFor(`a transaction from ${org.name} to commit`, () => pingAs(config, org), {
      timeoutMs: 90_000,
      intervalMs: 1000,
      hint:
        `Check ${paths.log(peerProcessName(org.peers[0]!))} (chaincode launch, gossip) ` +
        `and the orderer logs in ${paths.logs}.`,
    });
  }
}

async function pingAs(config: NetworkConfig, org: HospitalConfig) {
  const admin = identityFiles(org, orgAdminName);
  const client = peerConnection(config, org);
  const gateway = gatewayFor(client, {
    mspId: org.mspId,
    certificate: readFileSync(admin.cert, 'utf8'),
    privateKey: readFileSync(admin.key, 'utf8'),
  });
  try {
    const contract = gateway.getNetwork(config.channel).getContract(config.chaincode);
    const commit = await contract.submitAsync(transactions.health.ping.fullName);
    return (await commit.getStatus()).successful;
  } finally {
    gateway.close();
    client.close();
  }
}

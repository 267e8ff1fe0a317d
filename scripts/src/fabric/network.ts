import type { NetworkConfig } from '../config/network-config.js';
import { isListening } from '../process/ports.js';
import { runningPid, type StartedProcess } from '../process/supervisor.js';
import { waitFor } from '../process/wait.js';
import { paths } from '../runtime/paths.js';
import type { Binaries } from '../toolchain/binaries.js';
import type { Progress } from '../ui/progress.js';
import { caProcessName, startCa, waitForCa } from './ca.js';
import { packageChaincode } from './chaincode-package.js';
import { deployChaincode, type CommittedChaincode } from './chaincode-deploy.js';
import { joinOrderer, joinPeer } from './channel.js';
import { ensureGenesisBlock } from './configtx.js';
import { ensureFabricConfigDir } from './fabric-config.js';
import { enrollOrgIdentities } from './identities.js';
import { isHealthy } from './operations.js';
import { isRaftLeader, ordererOperations, ordererProcessName, startOrderer } from './orderer.js';
import { waitForLedgerReady } from './ledger-ready.js';
import { peerOperations, peerProcessName, startPeer } from './peer.js';

/** The steps `startNetwork` reports, for the caller's progress count. */
export const networkSteps = 5;

/**
 * Brings the Fabric network up, or resumes it: CAs, identities, orderers and the channel,
 * peers, chaincode. Every step first looks at what exists, so a second run after `npm stop`
 * keeps the ledgers and only starts processes.
 */
export async function startNetwork(
  config: NetworkConfig,
  binaries: Binaries,
  progress: Progress,
): Promise<CommittedChaincode> {
  const orgs = [config.ordererOrg, ...config.hospitals];
  const fabricConfigDir = await ensureFabricConfigDir();

  await progress.step('Certificate authorities', async () => {
    const started = [];
    for (const org of orgs) started.push({ org, process: await startCa(org, binaries, config) });
    for (const { org, process } of started) {
      await waitForCa(org, config.tlsHostname, process);
    }
    for (const org of config.hospitals) {
      const peers = org.peers.map((p) => ({ name: p.name, type: 'peer', tls: true }) as const);
      await enrollOrgIdentities(org, peers, binaries, config);
    }
    const orderers = config.ordererOrg.orderers.map(
      (o) => ({ name: o.name, type: 'orderer', tls: true }) as const,
    );
    await enrollOrgIdentities(config.ordererOrg, orderers, binaries, config);
    progress.detail(`${orgs.length} CAs up; every node and org admin enrolled`);
  });

  await progress.step(`Orderers and channel "${config.channel}"`, async () => {
    await ensureGenesisBlock(config, binaries);
    const started = config.ordererOrg.orderers.map((orderer) => ({
      orderer,
      process: startOrderer(orderer, config, binaries, fabricConfigDir),
    }));
    for (const { orderer, process } of started) {
      const ready = async () =>
        (await isHealthy(ordererOperations(orderer, config))) &&
        (await isListening(orderer)) &&
        isListening({ host: orderer.host, port: orderer.adminPort });
      await waitFor(`${orderer.name} to report healthy and listen`, ready, {
        timeoutMs: 30_000,
        hint: `Check ${paths.log(ordererProcessName(orderer))}.`,
        ...withProcess(process),
      });
      if (await joinOrderer(binaries, config, orderer)) {
        progress.detail(`${orderer.name} joined ${config.channel}`);
      }
    }
    await waitFor(
      `a Raft leader on channel ${config.channel}`,
      async () => {
        const leaders = await Promise.all(
          config.ordererOrg.orderers.map((o) => isRaftLeader(o, config)),
        );
        return leaders.some(Boolean);
      },
      {
        timeoutMs: 60_000,
        hint:
          'The orderers could not elect a leader: check that each can reach the others ' +
          `on their ports, and the orderer logs in ${paths.logs}.`,
      },
    );
  });

  await progress.step('Peers', async () => {
    const started = config.hospitals.flatMap((org) =>
      org.peers.map((peer) => ({
        org,
        peer,
        process: startPeer(peer, org, binaries, fabricConfigDir),
      })),
    );
    for (const { org, peer, process } of started) {
      // Operations answer before the gRPC port opens (the ledgers open in between).
      const ready = async () =>
        (await isHealthy(peerOperations(peer, org, config))) && isListening(peer);
      await waitFor(`${peer.id} to report healthy and listen on ${peer.port}`, ready, {
        timeoutMs: 30_000,
        hint: `Check ${paths.log(peerProcessName(peer))}.`,
        ...withProcess(process),
      });
      if (await joinPeer(binaries, fabricConfigDir, org, peer, config)) {
        progress.detail(`${peer.id} joined ${config.channel}`);
      }
    }
  });

  const committed = await progress.step(`Chaincode "${config.chaincode}"`, async () => {
    const pkg = await packageChaincode(config.chaincode);
    return deployChaincode(pkg, config, binaries, fabricConfigDir, (m) => progress.detail(m));
  });

  await progress.step('First transaction from each hospital', () => waitForLedgerReady(config));
  return committed;
}

/** Names of every network process, in the order to stop them (clients of others first). */
export function networkProcessNames(config: NetworkConfig): string[] {
  return [
    ...config.hospitals.flatMap((org) => org.peers.map(peerProcessName)),
    ...config.ordererOrg.orderers.map(ordererProcessName),
    ...[config.ordererOrg, ...config.hospitals].map(caProcessName),
  ];
}

export const isRunning = (name: string) => runningPid(name) !== undefined;

const withProcess = (process: StartedProcess | undefined) => (process ? { process } : {});

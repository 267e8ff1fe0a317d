import type { NetworkConfig } from '../config/network-config.js';
import { isListening } from '../process/ports.js';
import type { Binaries } from '../toolchain/binaries.js';
import { caAnswers } from './ca.js';
import { queryCommitted, type CommittedChaincode } from './chaincode-deploy.js';
import { ordererChannelInfo, peerHeight } from './channel.js';
import { isHealthy } from './operations.js';
import { isRaftLeader, ordererOperations } from './orderer.js';
import { peerOperations } from './peer.js';
import {
  databaseUri,
  embeddedDatabaseAnswers,
  usesEmbeddedDatabase,
} from '../services/database.js';

export interface NodeStatus {
  name: string;
  up: boolean;
  url: string;
}

export interface LedgerNodeStatus extends NodeStatus {
  /** Blocks on the channel, or null when the node cannot say. */
  height: number | null;
}

export interface OrdererStatus extends LedgerNodeStatus {
  leader: boolean;
}

export interface NetworkStatus {
  channel: string;
  cas: NodeStatus[];
  orderers: OrdererStatus[];
  peers: LedgerNodeStatus[];
  raftLeader: string | null;
  chaincode: CommittedChaincode | null;
  services: NodeStatus[];
}

/** Asks every node over the network (not pid files), so it also works across hosts. */
export async function networkStatus(
  config: NetworkConfig,
  binaries: Binaries,
  fabricConfigDir: string,
): Promise<NetworkStatus> {
  const orgs = [config.ordererOrg, ...config.hospitals];
  const cas = await Promise.all(
    orgs.map(async (org) => ({
      name: `ca.${org.key}`,
      up: await caAnswers(org, config.tlsHostname),
      url: `https://${org.ca.host}:${org.ca.port}`,
    })),
  );

  const orderers = await Promise.all(
    config.ordererOrg.orderers.map(async (orderer): Promise<OrdererStatus> => {
      const up = await isHealthy(ordererOperations(orderer, config));
      const info = up
        ? await ordererChannelInfo(binaries, config, orderer).catch(() => undefined)
        : undefined;
      return {
        name: orderer.name,
        up,
        url: `grpcs://${orderer.host}:${orderer.port}`,
        height: info?.height ?? null,
        leader: up ? ((await isRaftLeader(orderer, config)) ?? false) : false,
      };
    }),
  );

  const peers = await Promise.all(
    config.hospitals.flatMap((org) =>
      org.peers.map(async (peer): Promise<LedgerNodeStatus> => {
        const up = await isHealthy(peerOperations(peer, org, config));
        const height = up
          ? await peerHeight(binaries, fabricConfigDir, org, peer, config)
          : undefined;
        return {
          name: peer.id,
          up,
          url: `grpcs://${peer.host}:${peer.port}`,
          height: height ?? null,
        };
      }),
    ),
  );

  const anyPeerUp = peers.some((p) => p.up);
  const chaincode = anyPeerUp
    ? ((await queryCommitted(config, binaries, fabricConfigDir).catch(() => undefined)) ?? null)
    : null;

  return {
    channel: config.channel,
    cas,
    orderers,
    peers,
    raftLeader: orderers.find((o) => o.leader)?.name ?? null,
    chaincode,
    services: await serviceStatus(config),
  };
}

async function serviceStatus(config: NetworkConfig): Promise<NodeStatus[]> {
  const { gateway, web } = config.services;
  const gatewayUrl = `http://${gateway.host}:${gateway.port}`;
  const webUrl = `http://${web.host}:${web.port}`;
  return [
    {
      name: 'database',
      up: usesEmbeddedDatabase()
        ? await embeddedDatabaseAnswers()
        : await isReachableUri(databaseUri()),
      url: databaseUri(),
    },
    { name: 'gateway', up: await answers(`${gatewayUrl}/api/health`), url: gatewayUrl },
    { name: 'web', up: await answers(webUrl), url: webUrl },
  ];
}

async function answers(url: string) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return response.status < 500;
  } catch {
    return false;
  }
}

/** For an external MongoDB: can we open a TCP connection to the first host of the URI? */
async function isReachableUri(uri: string) {
  const match = /^mongodb(?:\+srv)?:\/\/(?:[^@/]*@)?([^:/,]+)(?::(\d+))?/.exec(uri);
  if (!match?.[1]) return false;
  return isListening({ host: match[1], port: Number(match[2] ?? 27017) });
}

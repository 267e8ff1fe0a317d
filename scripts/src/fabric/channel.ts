import type {
  HospitalConfig,
  NetworkConfig,
  OrdererConfig,
  PeerConfig,
} from '../config/network-config.js';
import { CommandError, run } from '../process/exec.js';
import type { Binaries } from '../toolchain/binaries.js';
import { genesisBlockPath } from './configtx.js';
import { identityFiles } from './identities.js';
import { ordererAdminTls } from './orderer.js';
import { peerCli } from './peer.js';

/** What the channel participation API says of the channel on one orderer. */
export interface OrdererChannelInfo {
  status: string;
  consensusRelation: string;
  height: number;
}

/** Runs osnadmin against an orderer's admin endpoint; returns the HTTP status and JSON body. */
async function osnadmin(
  binaries: Binaries,
  config: NetworkConfig,
  orderer: OrdererConfig,
  args: string[],
) {
  const tls = ordererAdminTls(config);
  const out = await run(binaries.osnadmin, [
    ...args,
    '-o',
    `${orderer.host}:${orderer.adminPort}`,
    '--ca-file',
    identityFiles(config.ordererOrg, orderer.name).tlsRootCert,
    '--client-cert',
    tls.cert,
    '--client-key',
    tls.key,
  ]);
  // osnadmin prints "Status: 201" on its own line before the JSON body.
  const match = /Status: (\d+)\s*([\s\S]*)$/.exec(out);
  const status = Number(match?.[1] ?? 0);
  const body = match?.[2]?.trim() ?? '';
  return {
    status,
    body: body.startsWith('{') ? (JSON.parse(body) as Record<string, unknown>) : {},
  };
}

/** The channel as one orderer sees it, or undefined when the orderer has not joined it. */
export async function ordererChannelInfo(
  binaries: Binaries,
  config: NetworkConfig,
  orderer: OrdererConfig,
): Promise<OrdererChannelInfo | undefined> {
  const { status, body } = await osnadmin(binaries, config, orderer, [
    'channel',
    'list',
    '--channelID',
    config.channel,
  ]);
  if (status !== 200) return undefined;
  return {
    status: String(body.status),
    consensusRelation: String(body.consensusRelation),
    height: Number(body.height),
  };
}

/** Joins the orderer to the channel with the genesis block, unless it has joined already. */
export async function joinOrderer(
  binaries: Binaries,
  config: NetworkConfig,
  orderer: OrdererConfig,
) {
  if (await ordererChannelInfo(binaries, config, orderer)) return false;
  const { status, body } = await osnadmin(binaries, config, orderer, [
    'channel',
    'join',
    '--channelID',
    config.channel,
    '--config-block',
    genesisBlockPath(config),
  ]);
  if (status !== 201) {
    throw new Error(`${orderer.name} refused to join ${config.channel}: ${JSON.stringify(body)}`);
  }
  return true;
}

/** Joins the peer to the channel with the genesis block, unless it has joined already. */
export async function joinPeer(
  binaries: Binaries,
  fabricConfigDir: string,
  org: HospitalConfig,
  peer: PeerConfig,
  config: NetworkConfig,
) {
  const cli = (args: string[]) => peerCli(binaries, fabricConfigDir, org, peer, args);
  const joined = await cli(['channel', 'list']);
  if (joined.split('\n').some((line) => line.trim() === config.channel)) return false;
  await cli(['channel', 'join', '-b', genesisBlockPath(config)]);
  return true;
}

/** The peer's ledger height on the channel, or undefined when it cannot be read. */
export async function peerHeight(
  binaries: Binaries,
  fabricConfigDir: string,
  org: HospitalConfig,
  peer: PeerConfig,
  config: NetworkConfig,
): Promise<number | undefined> {
  try {
    const out = await peerCli(
      binaries,
      fabricConfigDir,
      org,
      peer,
      ['channel', 'getinfo', '-c', config.channel],
      10_000,
    );
    const json = out.slice(out.indexOf('{'));
    return Number((JSON.parse(json) as { height: number }).height);
  } catch (error) {
    if (error instanceof CommandError) return undefined;
    throw error;
  }
}

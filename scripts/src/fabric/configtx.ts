import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { NetworkConfig, OrgConfig } from '../config/network-config.js';
import { run } from '../process/exec.js';
import { paths } from '../runtime/paths.js';
import type { Binaries } from '../toolchain/binaries.js';
import { identityFiles } from './identities.js';

const profile = 'PatRecChannel';

export const genesisBlockPath = (config: NetworkConfig) =>
  path.join(paths.channel, `${config.channel}.block`);

/**
 * Writes configtx.yaml for the channel and makes its genesis block, once: the block is the
 * channel's identity, so it is never regenerated while the runtime folder exists.
 */
export async function ensureGenesisBlock(config: NetworkConfig, binaries: Binaries) {
  const block = genesisBlockPath(config);
  if (existsSync(block)) {
    await checkChannelMembers(config, binaries, block);
    return block;
  }
  const dir = path.join(paths.config, 'configtx');
  mkdirSync(dir, { recursive: true });
  mkdirSync(paths.channel, { recursive: true });
  writeFileSync(path.join(dir, 'configtx.yaml'), stringify(channelConfig(config)));
  await run(
    binaries.configtxgen,
    ['-profile', profile, '-channelID', config.channel, '-outputBlock', block],
    { env: { ...process.env, FABRIC_CFG_PATH: dir } },
  );
  return block;
}

/**
 * The channel's members are fixed by its genesis block here; network.json naming another
 * set (a hospital added or removed) is said plainly rather than failing later at a peer.
 */
async function checkChannelMembers(config: NetworkConfig, binaries: Binaries, block: string) {
  const inspected = JSON.parse(await run(binaries.configtxgen, ['-inspectBlock', block])) as {
    data: { data: { payload: { data: { config: ChannelGroups } } }[] };
  };
  const groups = inspected.data.data[0]?.payload.data.config.channel_group.groups;
  const members = Object.keys(groups?.Application?.groups ?? {}).sort();
  const wanted = config.hospitals.map((h) => h.mspId).sort();
  if (members.join() === wanted.join()) return;
  throw new ChannelMembersChanged(
    `channel ${config.channel} was created for ${members.join(', ')}, but network/network.json ` +
      `names ${wanted.join(', ')}. Adding or removing an organisation on a running channel is ` +
      'not automated: run `npm run reset -- --yes` to create the channel anew (this deletes ' +
      'the ledgers and the record store), or restore network/network.json.',
  );
}

interface ChannelGroups {
  channel_group: { groups: { Application?: { groups: Record<string, unknown> } } };
}

export class ChannelMembersChanged extends Error {
  override name = 'ChannelMembersChanged';
}

const signature = (rule: string) => ({ Type: 'Signature', Rule: rule });
const implicit = (rule: string) => ({ Type: 'ImplicitMeta', Rule: rule });
const anyOf = (mspId: string, roles: string[]) =>
  signature(`OR(${roles.map((r) => `'${mspId}.${r}'`).join(', ')})`);

function organization(org: OrgConfig) {
  return {
    Name: org.mspId,
    ID: org.mspId,
    MSPDir: paths.orgMsp(org.key),
  };
}

/** The channel: one Raft orderer org, the hospitals as application orgs, MAJORITY endorsement. */
export function channelConfig(config: NetworkConfig) {
  const { ordererOrg } = config;
  const orderers = ordererOrg.orderers;
  return {
    Profiles: {
      [profile]: {
        Capabilities: { V3_0: true },
        Policies: {
          Readers: implicit('ANY Readers'),
          Writers: implicit('ANY Writers'),
          Admins: implicit('MAJORITY Admins'),
        },
        Orderer: {
          OrdererType: 'etcdraft',
          BatchTimeout: config.batchTimeout,
          BatchSize: {
            MaxMessageCount: 100,
            AbsoluteMaxBytes: '10 MB',
            PreferredMaxBytes: '2 MB',
          },
          EtcdRaft: {
            // Heartbeats every 250 ms and an election after 2.5–5 s without one (Fabric's
            // defaults, 500 ms and 5–10 s, hold writes up to 10 s after a leader dies; three
            // orderers on one host can afford the heartbeats).
            Options: {
              TickInterval: '250ms',
              ElectionTick: 10,
              HeartbeatTick: 1,
              MaxInflightBlocks: 5,
              SnapshotIntervalSize: '16 MB',
            },
            Consenters: orderers.map((o) => {
              const tls = identityFiles(ordererOrg, o.name);
              return {
                Host: o.host,
                Port: o.port,
                ClientTLSCert: tls.tlsCert,
                ServerTLSCert: tls.tlsCert,
              };
            }),
          },
          Organizations: [
            {
              ...organization(ordererOrg),
              OrdererEndpoints: orderers.map((o) => `${o.host}:${o.port}`),
              Policies: {
                Readers: anyOf(ordererOrg.mspId, ['member']),
                Writers: anyOf(ordererOrg.mspId, ['member']),
                Admins: anyOf(ordererOrg.mspId, ['admin']),
              },
            },
          ],
          Policies: {
            Readers: implicit('ANY Readers'),
            Writers: implicit('ANY Writers'),
            Admins: implicit('MAJORITY Admins'),
            BlockValidation: implicit('ANY Writers'),
          },
          Capabilities: { V2_0: true },
        },
        Application: {
          Organizations: config.hospitals.map((h) => ({
            ...organization(h),
            Policies: {
              Readers: anyOf(h.mspId, ['admin', 'peer', 'client']),
              Writers: anyOf(h.mspId, ['admin', 'client']),
              Admins: anyOf(h.mspId, ['admin']),
              Endorsement: anyOf(h.mspId, ['peer']),
            },
            // Anchor peers let each hospital's gateway discover the other's peers.
            AnchorPeers: h.peers.map((p) => ({ Host: p.host, Port: p.port })),
          })),
          Policies: {
            Readers: implicit('ANY Readers'),
            Writers: implicit('ANY Writers'),
            Admins: implicit('MAJORITY Admins'),
            LifecycleEndorsement: implicit('MAJORITY Endorsement'),
            Endorsement: implicit('MAJORITY Endorsement'),
          },
          Capabilities: { V2_5: true },
        },
      },
    },
  };
}

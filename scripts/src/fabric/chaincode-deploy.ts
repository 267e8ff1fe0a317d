import type { NetworkConfig } from '../config/network-config.js';
import { CommandError } from '../process/exec.js';
import type { Binaries } from '../toolchain/binaries.js';
import type { ChaincodePackage } from './chaincode-package.js';
import { identityFiles } from './identities.js';
import { ordererArgs, peerCli } from './peer.js';

export interface CommittedChaincode {
  name: string;
  version: string;
  sequence: number;
}

type Log = (message: string) => void;

/**
 * Deploys the package with Fabric's v2 lifecycle: install on every peer (where it is not yet),
 * approve by every hospital, commit with the channel's MAJORITY endorsement policy. A definition already
 * committed with this version is left alone; a changed one goes in at the next sequence.
 * Each step checks what is done first, so an interrupted deploy resumes where it stopped.
 */
export async function deployChaincode(
  pkg: ChaincodePackage,
  config: NetworkConfig,
  binaries: Binaries,
  fabricConfigDir: string,
  log: Log,
): Promise<CommittedChaincode> {
  // Every peer first, even when the definition is committed: a peer rebuilt from the
  // orderers has its ledger back but not the packages installed on it.
  for (const org of config.hospitals) {
    for (const peer of org.peers) {
      const cli = (args: string[]) => peerCli(binaries, fabricConfigDir, org, peer, args, 120_000);
      const installed = await cli(['lifecycle', 'chaincode', 'queryinstalled', '--output', 'json']);
      if (installed.includes(pkg.packageId)) continue;
      log(`installing ${pkg.label} on ${peer.id}`);
      await cli(['lifecycle', 'chaincode', 'install', pkg.file]);
    }
  }
  const committed = await queryCommitted(config, binaries, fabricConfigDir);
  if (committed?.version === pkg.version) {
    log(`${config.chaincode} ${pkg.version} is committed already (sequence ${committed.sequence})`);
    return committed;
  }
  const sequence = (committed?.sequence ?? 0) + 1;
  const definition = [
    '--channelID',
    config.channel,
    '--name',
    config.chaincode,
    '--version',
    pkg.version,
    '--sequence',
    String(sequence),
  ];

  const [firstOrg] = config.hospitals;
  const readiness = async () => {
    const out = await peerCli(binaries, fabricConfigDir, firstOrg!, firstOrg!.peers[0]!, [
      'lifecycle',
      'chaincode',
      'checkcommitreadiness',
      ...definition,
      '--output',
      'json',
    ]);
    return (JSON.parse(out) as { approvals: Record<string, boolean> }).approvals;
  };
  const approvals = await readiness();
  for (const org of config.hospitals) {
    if (approvals[org.mspId]) continue;
    log(`approving ${pkg.version} (sequence ${sequence}) for ${org.name}`);
    await peerCli(binaries, fabricConfigDir, org, org.peers[0]!, [
      'lifecycle',
      'chaincode',
      'approveformyorg',
      ...definition,
      '--package-id',
      pkg.packageId,
      ...ordererArgs(config),
    ]);
  }

  log(`committing ${config.chaincode} ${pkg.version} at sequence ${sequence}`);
  const peerArgs = config.hospitals.flatMap((org) =>
    org.peers.flatMap((peer) => [
      '--peerAddresses',
      `${peer.host}:${peer.port}`,
      '--tlsRootCertFiles',
      identityFiles(org, peer.name).tlsRootCert,
    ]),
  );
  await peerCli(binaries, fabricConfigDir, firstOrg!, firstOrg!.peers[0]!, [
    'lifecycle',
    'chaincode',
    'commit',
    ...definition,
    ...peerArgs,
    ...ordererArgs(config),
  ]);
  return { name: config.chaincode, version: pkg.version, sequence };
}

/** The committed definition of the chaincode, or undefined when none is committed yet. */
export async function queryCommitted(
  config: NetworkConfig,
  binaries: Binaries,
  fabricConfigDir: string,
): Promise<CommittedChaincode | undefined> {
  const org = config.hospitals[0]!;
  try {
    const out = await peerCli(
      binaries,
      fabricConfigDir,
      org,
      org.peers[0]!,
      [
        'lifecycle',
        'chaincode',
        'querycommitted',
        '--channelID',
        config.channel,
        '--name',
        config.chaincode,
        '--output',
        'json',
      ],
      15_000,
    );
    const parsed = JSON.parse(out) as { version: string; sequence: number };
    return { name: config.chaincode, version: parsed.version, sequence: parsed.sequence };
  } catch (error) {
    if (error instanceof CommandError && /not found|does not exist|404/i.test(error.output)) {
      return undefined;
    }
    throw error;
  }
}

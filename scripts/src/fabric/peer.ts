import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { HospitalConfig, NetworkConfig, PeerConfig } from '../config/network-config.js';
import { run } from '../process/exec.js';
import { adoptRunning, startProcess, type StartedProcess } from '../process/supervisor.js';
import { builderRoot, paths } from '../runtime/paths.js';
import type { Binaries } from '../toolchain/binaries.js';
import { identityFiles, orgAdminName } from './identities.js';
import { operationsEndpoint } from './operations.js';

export const peerProcessName = (peer: PeerConfig) => peer.id;

/**
 * Starts a peer on LevelDB with TLS everywhere. It never talks to Docker: chaincode is
 * built and launched by PatRec's own external builder (network/builders/node).
 */
export function startPeer(
  peer: PeerConfig,
  org: HospitalConfig,
  binaries: Binaries,
  fabricConfigDir: string,
): StartedProcess | undefined {
  const name = peerProcessName(peer);
  const id = identityFiles(org, peer.name);
  const address = `${peer.host}:${peer.port}`;
  // Its own TMPDIR: a killed peer leaves folders holding the chaincode's TLS key behind.
  const tmp = paths.tmpOf(name);
  mkdirSync(tmp, { recursive: true });
  const spec = {
    name,
    command: binaries.peer,
    args: ['node', 'start'],
    env: {
      ...process.env,
      TMPDIR: tmp,
      FABRIC_CFG_PATH: fabricConfigDir,
      FABRIC_LOGGING_SPEC: 'INFO',
      CORE_PEER_ID: peer.id,
      CORE_PEER_ADDRESS: address,
      CORE_PEER_LISTENADDRESS: address,
      CORE_PEER_CHAINCODEADDRESS: `${peer.host}:${peer.chaincodePort}`,
      CORE_PEER_CHAINCODELISTENADDRESS: `${peer.host}:${peer.chaincodePort}`,
      CORE_PEER_GOSSIP_BOOTSTRAP: address,
      CORE_PEER_GOSSIP_EXTERNALENDPOINT: address,
      // The default (25 s) hides the other hospital from discovery right after a join.
      CORE_PEER_GOSSIP_RECONNECTINTERVAL: '3s',
      CORE_PEER_LOCALMSPID: org.mspId,
      CORE_PEER_MSPCONFIGPATH: id.mspDir,
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_TLS_CERT_FILE: id.tlsCert,
      CORE_PEER_TLS_KEY_FILE: id.tlsKey,
      CORE_PEER_TLS_ROOTCERT_FILE: id.tlsRootCert,
      CORE_PEER_FILESYSTEMPATH: path.join(paths.dataOf(name), 'ledger'),
      CORE_LEDGER_STATE_STATEDATABASE: 'goleveldb',
      CORE_OPERATIONS_LISTENADDRESS: `${peer.host}:${peer.operationsPort}`,
      CORE_OPERATIONS_TLS_ENABLED: 'true',
      CORE_OPERATIONS_TLS_CERT_FILE: id.tlsCert,
      CORE_OPERATIONS_TLS_KEY_FILE: id.tlsKey,
      CORE_OPERATIONS_TLS_CLIENTROOTCAS_FILES: id.tlsRootCert,
      CORE_METRICS_PROVIDER: 'prometheus',
      CORE_VM_ENDPOINT: '',
      CORE_CHAINCODE_EXTERNALBUILDERS: `[{name: patrec-node, path: ${path.join(builderRoot, 'node')}, propagateEnvironment: [HOME]}]`,
    },
  };
  return adoptRunning(spec) ? undefined : startProcess(spec);
}

export function peerOperations(peer: PeerConfig, org: HospitalConfig, config: NetworkConfig) {
  return operationsEndpoint(peer, org, config);
}

/** Runs the peer CLI as the hospital's admin against one of its peers. */
export function peerCli(
  binaries: Binaries,
  fabricConfigDir: string,
  org: HospitalConfig,
  peer: PeerConfig,
  args: string[],
  timeoutMs = 60_000,
) {
  const admin = identityFiles(org, orgAdminName);
  return run(binaries.peer, args, {
    timeoutMs,
    env: {
      ...process.env,
      FABRIC_CFG_PATH: fabricConfigDir,
      FABRIC_LOGGING_SPEC: 'WARNING',
      CORE_PEER_LOCALMSPID: org.mspId,
      CORE_PEER_MSPCONFIGPATH: admin.mspDir,
      CORE_PEER_ADDRESS: `${peer.host}:${peer.port}`,
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_TLS_ROOTCERT_FILE: identityFiles(org, peer.name).tlsRootCert,
    },
  });
}

/** Arguments that point the peer CLI at an orderer over TLS. */
export function ordererArgs(config: NetworkConfig, ordererIndex = 0) {
  const orderer = config.ordererOrg.orderers[ordererIndex] ?? config.ordererOrg.orderers[0]!;
  return [
    '-o',
    `${orderer.host}:${orderer.port}`,
    '--ordererTLSHostnameOverride',
    config.tlsHostname,
    '--tls',
    '--cafile',
    identityFiles(config.ordererOrg, orderer.name).tlsRootCert,
  ];
}

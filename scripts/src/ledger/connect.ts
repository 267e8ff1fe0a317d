import type { HospitalConfig, NetworkConfig, PeerConfig } from '../config/network-config.js';
import { identityFiles } from '../fabric/identities.js';

export { connectAs as gatewayFor } from '../../../gateway/src/ledger/ledger.js';
import { peerClient } from '../../../gateway/src/ledger/ledger.js';

/** One gRPC connection to a hospital's peer, shared by every identity that uses it. */
export function peerConnection(config: NetworkConfig, org: HospitalConfig, peer?: PeerConfig) {
  const target = peer ?? org.peers[0]!;
  return peerClient(
    `${target.host}:${target.port}`,
    identityFiles(org, target.name).tlsRootCert,
    config.tlsHostname,
  );
}

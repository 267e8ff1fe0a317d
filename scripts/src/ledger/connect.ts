import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, signers, type Gateway } from '@hyperledger/fabric-gateway';
import type { HospitalConfig, NetworkConfig, PeerConfig } from '../config/network-config.js';
import { identityFiles } from '../fabric/identities.js';
import type { EnrolledIdentity } from './enroll.js';

/** One gRPC connection to a hospital's peer, shared by every identity that uses it. */
export function peerConnection(config: NetworkConfig, org: HospitalConfig, peer?: PeerConfig) {
  const target = peer ?? org.peers[0]!;
  const rootCert = readFileSync(identityFiles(org, target.name).tlsRootCert);
  return new grpc.Client(`${target.host}:${target.port}`, grpc.credentials.createSsl(rootCert), {
    // We dial an IP; the certificate names the host.
    'grpc.ssl_target_name_override': config.tlsHostname,
  });
}

/** A Fabric Gateway session that signs with the given identity, with deadlines on every call. */
export function gatewayFor(client: grpc.Client, identity: EnrolledIdentity): Gateway {
  const deadline = (ms: number) => () => ({ deadline: Date.now() + ms });
  return connect({
    client,
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificate) },
    signer: signers.newPrivateKeySigner(createPrivateKey(identity.privateKey)),
    evaluateOptions: deadline(5_000),
    endorseOptions: deadline(15_000),
    submitOptions: deadline(5_000),
    commitStatusOptions: deadline(60_000),
  });
}

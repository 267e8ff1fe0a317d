import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HospitalConfig, NetworkConfig } from '../config/network-config.js';
import { caRootCert, caUrl } from '../fabric/ca.js';
import { identityFiles } from '../fabric/identities.js';
import { paths } from '../runtime/paths.js';

/**
 * Writes what the gateway needs to know of the network (each hospital's CA, registrar and
 * peer) to .patrec/config/network-profile.json, so the gateway does not read the operator's
 * folder layout.
 */
export function writeNetworkProfile(config: NetworkConfig): string {
  const profile = {
    channel: config.channel,
    chaincode: config.chaincode,
    tlsHostname: config.tlsHostname,
    hospitals: config.hospitals.map(hospitalProfile),
  };
  const file = path.join(paths.config, 'network-profile.json');
  mkdirSync(paths.config, { recursive: true });
  writeFileSync(file, JSON.stringify(profile, null, 2));
  return file;
}

/** One hospital as the gateway's code sees it (HospitalProfile in gateway/src/config). */
export function hospitalProfile(org: HospitalConfig) {
  const registrar = path.join(paths.caRegistrar(org.key), 'msp');
  const peer = org.peers[0]!;
  return {
    key: org.key,
    name: org.name,
    mspId: org.mspId,
    ca: {
      url: caUrl(org.ca),
      caName: org.ca.caName,
      rootCertFile: caRootCert(org),
      registrar: {
        certFile: path.join(registrar, 'signcerts', 'cert.pem'),
        keyFile: path.join(registrar, 'keystore', 'key.pem'),
      },
    },
    peer: {
      endpoint: `${peer.host}:${peer.port}`,
      tlsRootCertFile: identityFiles(org, peer.name).tlsRootCert,
    },
  };
}

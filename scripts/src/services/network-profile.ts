import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NetworkConfig } from '../config/network-config.js';
import { caRootCert, caUrl } from '../fabric/ca.js';
import { identityFiles } from '../fabric/identities.js';
import { paths } from '../runtime/paths.js';

/**
 * Writes what the gateway needs to know of the network (each hospital's CA, registrar and
 * peer) to .patrec/config/network-profile.json, so the gateway does not read the operator's
 * folder layout.
 */
export function writeNetworkProfile(config: NetworkConfig): string {
  const registrar = (key: string) => path.join(paths.caRegistrar(key), 'msp');
  const profile = {
    channel: config.channel,
    chaincode: config.chaincode,
    tlsHostname: config.tlsHostname,
    hospitals: config.hospitals.map((org) => {
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
            certFile: path.join(registrar(org.key), 'signcerts', 'cert.pem'),
            keyFile: path.join(registrar(org.key), 'keystore', 'key.pem'),
          },
        },
        peer: {
          endpoint: `${peer.host}:${peer.port}`,
          tlsRootCertFile: identityFiles(org, peer.name).tlsRootCert,
        },
      };
    }),
  };
  const file = path.join(paths.config, 'network-profile.json');
  mkdirSync(paths.config, { recursive: true });
  writeFileSync(file, JSON.stringify(profile, null, 2));
  return file;
}

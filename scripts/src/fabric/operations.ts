import type { NetworkConfig, OrgConfig } from '../config/network-config.js';
import { identityFiles, orgAdminName } from './identities.js';
import { httpsGet, type HttpsTarget } from '../process/https.js';

/**
 * A peer's or orderer's operations endpoint over TLS. /healthz is open; /metrics wants a
 * client certificate from the org's CA, so the org admin's TLS identity goes along.
 */
export function operationsEndpoint(
  node: { name: string; host: string; operationsPort: number },
  org: OrgConfig,
  config: NetworkConfig,
): HttpsTarget {
  const admin = identityFiles(org, orgAdminName);
  return {
    host: node.host,
    port: node.operationsPort,
    caFile: identityFiles(org, node.name).tlsRootCert,
    servername: config.tlsHostname,
    client: { cert: admin.tlsCert, key: admin.tlsKey },
  };
}

export async function isHealthy(target: HttpsTarget) {
  return (await httpsGet(target, '/healthz')).status === 200;
}

/** The Prometheus text of the node's metrics, or undefined when it does not answer. */
export async function readMetrics(target: HttpsTarget) {
  const { status, body } = await httpsGet(target, '/metrics');
  return status === 200 ? body : undefined;
}

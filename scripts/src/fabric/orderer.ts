import type { NetworkConfig, OrdererConfig } from '../config/network-config.js';
import { operationsEndpoint, readMetrics } from './operations.js';
import { adoptRunning, startProcess, type StartedProcess } from '../process/supervisor.js';
import { paths } from '../runtime/paths.js';
import type { Binaries } from '../toolchain/binaries.js';
import { identityFiles, orgAdminName } from './identities.js';

export const ordererProcessName = (orderer: OrdererConfig) => orderer.name;

/** Starts a Raft orderer with TLS on its client, cluster, admin and operations endpoints. */
export function startOrderer(
  orderer: OrdererConfig,
  config: NetworkConfig,
  binaries: Binaries,
  fabricConfigDir: string,
): StartedProcess | undefined {
  const name = ordererProcessName(orderer);
  const org = config.ordererOrg;
  const id = identityFiles(org, orderer.name);
  const data = paths.dataOf(name);
  const spec = {
    name,
    command: binaries.orderer,
    args: [],
    env: {
      ...process.env,
      FABRIC_CFG_PATH: fabricConfigDir,
      FABRIC_LOGGING_SPEC: 'INFO',
      ORDERER_GENERAL_LISTENADDRESS: orderer.host,
      ORDERER_GENERAL_LISTENPORT: String(orderer.port),
      ORDERER_GENERAL_LOCALMSPID: org.mspId,
      ORDERER_GENERAL_LOCALMSPDIR: id.mspDir,
      ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
      ORDERER_GENERAL_TLS_ENABLED: 'true',
      ORDERER_GENERAL_TLS_CERTIFICATE: id.tlsCert,
      ORDERER_GENERAL_TLS_PRIVATEKEY: id.tlsKey,
      ORDERER_GENERAL_TLS_ROOTCAS: `[${id.tlsRootCert}]`,
      ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: id.tlsCert,
      ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: id.tlsKey,
      ORDERER_GENERAL_CLUSTER_ROOTCAS: `[${id.tlsRootCert}]`,
      ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
      ORDERER_ADMIN_LISTENADDRESS: `${orderer.host}:${orderer.adminPort}`,
      ORDERER_ADMIN_TLS_ENABLED: 'true',
      ORDERER_ADMIN_TLS_CERTIFICATE: id.tlsCert,
      ORDERER_ADMIN_TLS_PRIVATEKEY: id.tlsKey,
      ORDERER_ADMIN_TLS_ROOTCAS: `[${id.tlsRootCert}]`,
      ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
      ORDERER_ADMIN_TLS_CLIENTROOTCAS: `[${id.tlsRootCert}]`,
      ORDERER_OPERATIONS_LISTENADDRESS: `${orderer.host}:${orderer.operationsPort}`,
      ORDERER_OPERATIONS_TLS_ENABLED: 'true',
      ORDERER_OPERATIONS_TLS_CERTIFICATE: id.tlsCert,
      ORDERER_OPERATIONS_TLS_PRIVATEKEY: id.tlsKey,
      ORDERER_OPERATIONS_TLS_CLIENTROOTCAS: `[${id.tlsRootCert}]`,
      ORDERER_METRICS_PROVIDER: 'prometheus',
      ORDERER_FILELEDGER_LOCATION: `${data}/ledger`,
      ORDERER_CONSENSUS_WALDIR: `${data}/etcdraft/wal`,
      ORDERER_CONSENSUS_SNAPDIR: `${data}/etcdraft/snapshot`,
    },
  };
  return adoptRunning(spec) ? undefined : startProcess(spec);
}

/** The orderer org admin's TLS identity: the channel participation API's client. */
export function ordererAdminTls(config: NetworkConfig) {
  const admin = identityFiles(config.ordererOrg, orgAdminName);
  return { cert: admin.tlsCert, key: admin.tlsKey, rootCert: admin.tlsRootCert };
}

/** The orderer's operations endpoint (health and metrics), served over TLS. */
export function ordererOperations(orderer: OrdererConfig, config: NetworkConfig) {
  return operationsEndpoint(orderer, config.ordererOrg, config);
}

/** Reads `consensus_etcdraft_is_leader{channel=…}` from the orderer's metrics. */
export async function isRaftLeader(orderer: OrdererConfig, config: NetworkConfig) {
  const metrics = await readMetrics(ordererOperations(orderer, config));
  if (metrics === undefined) return undefined;
  const pattern = new RegExp(
    `^consensus_etcdraft_is_leader\\{channel="${config.channel}"\\} (\\d)`,
    'm',
  );
  return pattern.exec(metrics)?.[1] === '1';
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CaConfig, NetworkConfig, OrgConfig } from '../config/network-config.js';
import { paths } from '../runtime/paths.js';
import { secret } from '../runtime/secrets.js';
import { adoptRunning, startProcess, type StartedProcess } from '../process/supervisor.js';
import { waitFor } from '../process/wait.js';
import { httpsGet } from '../process/https.js';
import { run } from '../process/exec.js';
import type { Binaries } from '../toolchain/binaries.js';

export const caProcessName = (org: OrgConfig) => `ca.${org.key}`;
export const caAdminSecret = (org: OrgConfig) => secret(`ca.${org.key}.admin`);
/** The CA's self-signed root: trust anchor of the org's MSP and of its TLS certificates. */
export const caRootCert = (org: OrgConfig) => path.join(paths.caServer(org.key), 'ca-cert.pem');
export const caUrl = (ca: CaConfig, user?: string, password?: string) =>
  `https://${user ? `${encodeURIComponent(user)}:${encodeURIComponent(password ?? '')}@` : ''}` +
  `${ca.host}:${ca.port}`;

/**
 * Starts the org's fabric-ca-server unless it runs already, initialising it first on a new
 * home. The bootstrap admin's password goes to `init` through the environment, never as an
 * argument (every local user can read a process's arguments), and `start` needs none.
 */
export async function startCa(
  org: OrgConfig,
  binaries: Binaries,
  config: NetworkConfig,
): Promise<StartedProcess | undefined> {
  const home = paths.caServer(org.key);
  const hosts = [...new Set([config.tlsHostname, '127.0.0.1', org.ca.host])].join(',');
  const settings = [
    '--home',
    home,
    '--address',
    org.ca.host,
    '--port',
    String(org.ca.port),
    '--ca.name',
    org.ca.caName,
    '--csr.cn',
    `ca.${org.key}`,
    '--csr.hosts',
    hosts,
    '--tls.enabled',
  ];
  const env = {
    ...process.env,
    FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS: `${org.ca.host}:${org.ca.operationsPort}`,
    FABRIC_CA_SERVER_METRICS_PROVIDER: 'prometheus',
  };
  const spec = { name: caProcessName(org), command: binaries['fabric-ca-server'], env };
  if (adoptRunning({ ...spec, args: ['start', ...settings] })) return undefined;
  if (!isInitialised(home)) {
    // init prints its settings, the bootstrap identity among them: kept out of every log.
    await run(binaries['fabric-ca-server'], ['init', ...settings], {
      env: { ...env, FABRIC_CA_SERVER_BOOT: `admin:${caAdminSecret(org)}` },
      timeoutMs: 60_000,
    });
  }
  return startProcess({ ...spec, args: ['start', ...settings] });
}

/** A CA home `init` completed: its settings, root certificate and database are written. */
const isInitialised = (home: string) =>
  ['fabric-ca-server-config.yaml', 'ca-cert.pem', 'fabric-ca-server.db'].every((file) =>
    existsSync(path.join(home, file)),
  );

/** Resolves once the CA answers /cainfo over TLS with its root certificate. */
export async function waitForCa(org: OrgConfig, tlsHostname: string, started?: StartedProcess) {
  const what = `the ${org.name} CA on ${org.ca.host}:${org.ca.port}`;
  await waitFor(what, () => caAnswers(org, tlsHostname), {
    timeoutMs: 30_000,
    hint: `Check ${paths.log(caProcessName(org))}.`,
    ...(started ? { process: started } : {}),
  });
}

export async function caAnswers(org: OrgConfig, tlsHostname: string): Promise<boolean> {
  if (!existsSync(caRootCert(org))) return false;
  const target = { ...org.ca, caFile: caRootCert(org), servername: tlsHostname };
  const { status } = await httpsGet(target, `/cainfo?ca=${org.ca.caName}`);
  return status === 200;
}

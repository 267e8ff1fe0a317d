import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { NetworkConfig, OrgConfig } from '../config/network-config.js';
import { CommandError, run } from '../process/exec.js';
import { paths } from '../runtime/paths.js';
import { secret } from '../runtime/secrets.js';
import type { Binaries } from '../toolchain/binaries.js';
import { caAdminSecret, caRootCert, caUrl } from './ca.js';

/** Fabric's node types; with NodeOUs each becomes the OU that channel policies test. */
export type IdentityType = 'peer' | 'orderer' | 'admin' | 'client';

export interface IdentityRequest {
  name: string;
  type: IdentityType;
  /** Nodes also get a TLS certificate from the org's CA (`--enrollment.profile tls`). */
  tls: boolean;
}

/** Where an enrolled identity's files are, in the layout every tool here expects. */
export interface IdentityFiles {
  mspDir: string;
  cert: string;
  key: string;
  tlsCert: string;
  tlsKey: string;
  tlsRootCert: string;
}

export function identityFiles(org: OrgConfig, name: string): IdentityFiles {
  const dir = paths.identity(org.key, name);
  return {
    mspDir: path.join(dir, 'msp'),
    cert: path.join(dir, 'msp', 'signcerts', 'cert.pem'),
    key: path.join(dir, 'msp', 'keystore', 'key.pem'),
    tlsCert: path.join(dir, 'tls', 'server.crt'),
    tlsKey: path.join(dir, 'tls', 'server.key'),
    tlsRootCert: path.join(dir, 'tls', 'ca.crt'),
  };
}

/** The org admin that signs channel and lifecycle operations. */
export const orgAdminName = 'orgadmin';

/**
 * Enrols the CA's bootstrap admin (the registrar), then registers and enrols each identity
 * the org's nodes need, and writes the org MSP the channel configuration refers to.
 * Identities enrolled before are kept, so a restart changes nothing.
 */
export async function enrollOrgIdentities(
  org: OrgConfig,
  requests: IdentityRequest[],
  binaries: Binaries,
  config: NetworkConfig,
) {
  const client = new CaClient(org, binaries, config);
  await client.enrollRegistrar();
  for (const request of [...requests, { name: orgAdminName, type: 'admin', tls: true } as const]) {
    await client.registerAndEnroll(request);
  }
  writeOrgMsp(org);
}

class CaClient {
  readonly #hosts: string;

  constructor(
    readonly org: OrgConfig,
    readonly binaries: Binaries,
    config: NetworkConfig,
  ) {
    this.#hosts = [...new Set([config.tlsHostname, '127.0.0.1', org.ca.host])].join(',');
  }

  async enrollRegistrar() {
    const home = paths.caRegistrar(this.org.key);
    if (existsSync(path.join(home, 'msp', 'signcerts', 'cert.pem'))) return;
    await this.#client(['enroll', '-H', home], this.#enrolling('admin', caAdminSecret(this.org)));
    normaliseMsp(path.join(home, 'msp'));
  }

  async registerAndEnroll(request: IdentityRequest) {
    const files = identityFiles(this.org, request.name);
    if (existsSync(files.cert) && (!request.tls || existsSync(files.tlsCert))) return;
    const password = secret(`${this.org.key}.${request.name}`);
    try {
      const registrar = paths.caRegistrar(this.org.key);
      await this.#client(
        ['register', '-H', registrar, '--id.name', request.name, '--id.type', request.type],
        { FABRIC_CA_CLIENT_URL: caUrl(this.org.ca), FABRIC_CA_CLIENT_ID_SECRET: password },
      );
    } catch (error) {
      // A registration that landed before an interrupted enrolment is fine to reuse.
      if (!(error instanceof CommandError && /already registered/i.test(error.output))) throw error;
    }
    const dir = paths.identity(this.org.key, request.name);
    const asIdentity = this.#enrolling(request.name, password);
    await this.#client(['enroll', '-H', dir, '-M', files.mspDir], asIdentity);
    normaliseMsp(files.mspDir);
    writeNodeOuConfig(files.mspDir);
    if (request.tls) {
      const tlsMsp = path.join(dir, 'tls-msp');
      await this.#client(
        [
          'enroll',
          '-H',
          dir,
          '-M',
          tlsMsp,
          '--enrollment.profile',
          'tls',
          '--csr.hosts',
          this.#hosts,
        ],
        asIdentity,
      );
      normaliseMsp(tlsMsp);
      mkdirSync(path.dirname(files.tlsCert), { recursive: true });
      copyFileSync(path.join(tlsMsp, 'signcerts', 'cert.pem'), files.tlsCert);
      copyFileSync(path.join(tlsMsp, 'keystore', 'key.pem'), files.tlsKey);
      copyFileSync(caRootCert(this.org), files.tlsRootCert);
    }
  }

  /** Enrols as `user`: the URL carries the enrolment secret. */
  #enrolling(user: string, password: string): CaClientSecrets {
    return { FABRIC_CA_CLIENT_URL: caUrl(this.org.ca, user, password) };
  }

  /**
   * Runs fabric-ca-client. Passwords go in `secrets`, through its environment: arguments are
   * readable by every local user (`ps`, /proc), the environment only by the owner.
   */
  #client(args: string[], secrets: CaClientSecrets) {
    return run(
      this.binaries['fabric-ca-client'],
      [...args, '--caname', this.org.ca.caName, '--tls.certfiles', caRootCert(this.org)],
      { timeoutMs: 30_000, env: { ...process.env, ...secrets } },
    );
  }
}

/** What fabric-ca-client reads from its environment instead of `-u` and `--id.secret`. */
interface CaClientSecrets {
  FABRIC_CA_CLIENT_URL: string;
  FABRIC_CA_CLIENT_ID_SECRET?: string;
}

/**
 * fabric-ca-client names files after hosts and key hashes; give them fixed names
 * (cacerts/ca.crt, keystore/key.pem) so configuration can point at them.
 */
function normaliseMsp(mspDir: string) {
  const rename = (folder: string, target: string) => {
    const dir = path.join(mspDir, folder);
    if (!existsSync(dir)) return;
    const files = readdirSync(dir).filter((f) => f !== target);
    if (files.length === 1 && files[0])
      renameSync(path.join(dir, files[0]), path.join(dir, target));
  };
  rename('cacerts', 'ca.crt');
  rename('tlscacerts', 'ca.crt');
  rename('keystore', 'key.pem');
  // One CA issues both kinds of certificate, so its root is also the TLS root.
  const caCert = path.join(mspDir, 'cacerts', 'ca.crt');
  if (existsSync(caCert)) {
    mkdirSync(path.join(mspDir, 'tlscacerts'), { recursive: true });
    copyFileSync(caCert, path.join(mspDir, 'tlscacerts', 'ca.crt'));
  }
}

/** NodeOUs let policies tell admins, peers, orderers and clients apart by certificate OU. */
function writeNodeOuConfig(mspDir: string) {
  const ou = (name: string) =>
    `  ${name[0]!.toUpperCase()}${name.slice(1)}OUIdentifier:\n` +
    `    Certificate: cacerts/ca.crt\n    OrganizationalUnitIdentifier: ${name}\n`;
  writeFileSync(
    path.join(mspDir, 'config.yaml'),
    `NodeOUs:\n  Enable: true\n${['client', 'peer', 'admin', 'orderer'].map(ou).join('')}`,
  );
}

/** The org MSP as members of the channel see it: the CA roots and the NodeOU rules. */
function writeOrgMsp(org: OrgConfig) {
  const msp = paths.orgMsp(org.key);
  for (const folder of ['cacerts', 'tlscacerts']) {
    mkdirSync(path.join(msp, folder), { recursive: true });
    copyFileSync(caRootCert(org), path.join(msp, folder, 'ca.crt'));
  }
  writeNodeOuConfig(msp);
}

import { readFileSync } from 'node:fs';
import { repoRoot } from '../runtime/paths.js';
import path from 'node:path';

/** A Fabric node or service address as the rest of the tools use it. */
export interface Endpoint {
  host: string;
  port: number;
}

export interface CaConfig extends Endpoint {
  /** Name of the CA inside its server (`--caname`). */
  caName: string;
  operationsPort: number;
}

export interface OrdererConfig extends Endpoint {
  name: string;
  adminPort: number;
  operationsPort: number;
}

export interface PeerConfig extends Endpoint {
  name: string;
  /** `peer0.hospitala`: unique across the network; names folders, logs and pid files. */
  id: string;
  chaincodePort: number;
  operationsPort: number;
}

export interface OrgConfig {
  name: string;
  mspId: string;
  /** Lower-case name used in folders and process names. */
  key: string;
  ca: CaConfig;
}

export interface OrdererOrgConfig extends OrgConfig {
  orderers: OrdererConfig[];
}

export interface HospitalConfig extends OrgConfig {
  peers: PeerConfig[];
}

export interface NetworkConfig {
  tlsHostname: string;
  channel: string;
  batchTimeout: string;
  chaincode: string;
  ordererOrg: OrdererOrgConfig;
  hospitals: HospitalConfig[];
  services: { gateway: Endpoint; web: Endpoint };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const networkConfigPath = path.join(repoRoot, 'network', 'network.json');

/** Reads network/network.json (or PATREC_NETWORK_CONFIG) once and checks every field. */
export function loadNetworkConfig(file = process.env.PATREC_NETWORK_CONFIG ?? networkConfigPath) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read the network configuration ${file}: ${String(error)}`);
  }
  return parseNetworkConfig(raw, file);
}

export function parseNetworkConfig(raw: unknown, source = 'network configuration'): NetworkConfig {
  const at = new Reader(source);
  const root = at.object(raw, '');
  const defaultHost = at.string(root, 'host');
  const endpoint = (node: Record<string, unknown>, where: string): Endpoint => ({
    host: node.host === undefined ? defaultHost : at.string(node, 'host', where),
    port: at.port(node, 'port', where),
  });
  const ca = (org: Record<string, unknown>, where: string, key: string): CaConfig => {
    const node = at.object(org.ca, `${where}.ca`);
    return {
      ...endpoint(node, `${where}.ca`),
      caName: `ca-${key}`,
      operationsPort: at.port(node, 'operationsPort', `${where}.ca`),
    };
  };

  const ordererOrgRaw = at.object(root.ordererOrg, 'ordererOrg');
  const ordererOrgName = at.string(ordererOrgRaw, 'name', 'ordererOrg');
  const ordererOrgKey = ordererOrgName.toLowerCase();
  const ordererOrg: OrdererOrgConfig = {
    name: ordererOrgName,
    key: ordererOrgKey,
    mspId: at.string(ordererOrgRaw, 'mspId', 'ordererOrg'),
    ca: ca(ordererOrgRaw, 'ordererOrg', ordererOrgKey),
    orderers: at.array(ordererOrgRaw.orderers, 'ordererOrg.orderers').map((item, i) => {
      const where = `ordererOrg.orderers[${i}]`;
      const node = at.object(item, where);
      return {
        ...endpoint(node, where),
        name: at.name(node, 'name', where),
        adminPort: at.port(node, 'adminPort', where),
        operationsPort: at.port(node, 'operationsPort', where),
      };
    }),
  };
  if (ordererOrg.orderers.length < 3) {
    throw new ConfigError(`${source}: Raft needs at least 3 orderers so that one may fail`);
  }

  const hospitals = at.array(root.hospitals, 'hospitals').map((item, i): HospitalConfig => {
    const where = `hospitals[${i}]`;
    const org = at.object(item, where);
    const name = at.string(org, 'name', where);
    const key = name.toLowerCase();
    return {
      name,
      key,
      mspId: at.string(org, 'mspId', where),
      ca: ca(org, where, key),
      peers: at.array(org.peers, `${where}.peers`).map((peerItem, j) => {
        const peerWhere = `${where}.peers[${j}]`;
        const peer = at.object(peerItem, peerWhere);
        const peerName = at.name(peer, 'name', peerWhere);
        return {
          ...endpoint(peer, peerWhere),
          name: peerName,
          id: `${peerName}.${key}`,
          chaincodePort: at.port(peer, 'chaincodePort', peerWhere),
          operationsPort: at.port(peer, 'operationsPort', peerWhere),
        };
      }),
    };
  });
  if (hospitals.length < 2) {
    throw new ConfigError(`${source}: PatRec needs at least two hospital organisations`);
  }

  const services = at.object(root.services, 'services');
  const service = (name: string) => endpoint(at.object(services[name], `services.${name}`), name);
  const config: NetworkConfig = {
    tlsHostname: at.string(root, 'tlsHostname'),
    channel: at.name(root, 'channel', ''),
    batchTimeout: at.string(root, 'batchTimeout'),
    chaincode: at.name(root, 'chaincode', ''),
    ordererOrg,
    hospitals,
    services: {
      gateway: service('gateway'),
      web: service('web'),
    },
  };
  assertDistinctPorts(config, source);
  return config;
}

/** Every port of the network, named by what listens on it. */
export function allPorts(config: NetworkConfig): { owner: string; endpoint: Endpoint }[] {
  const ports: { owner: string; endpoint: Endpoint }[] = [];
  const add = (owner: string, host: string, port: number) =>
    ports.push({ owner, endpoint: { host, port } });
  for (const org of [config.ordererOrg, ...config.hospitals]) {
    add(`ca.${org.key}`, org.ca.host, org.ca.port);
    add(`ca.${org.key} operations`, org.ca.host, org.ca.operationsPort);
  }
  for (const o of config.ordererOrg.orderers) {
    add(o.name, o.host, o.port);
    add(`${o.name} admin`, o.host, o.adminPort);
    add(`${o.name} operations`, o.host, o.operationsPort);
  }
  for (const p of config.hospitals.flatMap((h) => h.peers)) {
    add(p.id, p.host, p.port);
    add(`${p.id} chaincode`, p.host, p.chaincodePort);
    add(`${p.id} operations`, p.host, p.operationsPort);
  }
  for (const [name, s] of Object.entries(config.services)) add(name, s.host, s.port);
  return ports;
}

function assertDistinctPorts(config: NetworkConfig, source: string) {
  const seen = new Map<string, string>();
  for (const { owner, endpoint } of allPorts(config)) {
    const key = `${endpoint.host}:${endpoint.port}`;
    const other = seen.get(key);
    if (other) throw new ConfigError(`${source}: ${owner} and ${other} both use ${key}`);
    seen.set(key, owner);
  }
}

/** Field readers that name the exact field that is wrong. */
class Reader {
  constructor(readonly source: string) {}

  fail(where: string, field: string, expected: string): never {
    const at = [where, field].filter(Boolean).join('.');
    throw new ConfigError(`${this.source}: ${at || 'top level'} must be ${expected}`);
  }

  object(value: unknown, where: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(where, '', 'an object');
    }
    return value as Record<string, unknown>;
  }

  array(value: unknown, where: string): unknown[] {
    if (!Array.isArray(value) || value.length === 0) this.fail(where, '', 'a non-empty array');
    return value;
  }

  string(node: Record<string, unknown>, field: string, where = ''): string {
    const value = node[field];
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(where, field, 'a non-empty string');
    }
    return value;
  }

  name(node: Record<string, unknown>, field: string, where: string): string {
    const value = this.string(node, field, where);
    if (!/^[a-z][a-z0-9-]*$/.test(value)) {
      this.fail(where, field, 'lower-case letters, digits and dashes');
    }
    return value;
  }

  port(node: Record<string, unknown>, field: string, where: string): number {
    const value = node[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
      this.fail(where, field, 'a port number between 1 and 65535');
    }
    return value;
  }
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The one ignored folder that holds every piece of runtime state. */
export const runtimeRoot = path.resolve(process.env.PATREC_HOME ?? path.join(repoRoot, '.patrec'));

export const paths = {
  root: runtimeRoot,
  bin: path.join(runtimeRoot, 'bin'),
  config: path.join(runtimeRoot, 'config'),
  secrets: path.join(runtimeRoot, 'secrets.json'),
  logs: path.join(runtimeRoot, 'logs'),
  pids: path.join(runtimeRoot, 'run'),
  data: path.join(runtimeRoot, 'data'),
  channel: path.join(runtimeRoot, 'channel'),
  chaincode: path.join(runtimeRoot, 'chaincode'),
  tmp: path.join(runtimeRoot, 'tmp'),

  log: (process: string) => path.join(runtimeRoot, 'logs', `${process}.log`),
  pidFile: (process: string) => path.join(runtimeRoot, 'run', `${process}.pid`),
  dataOf: (process: string) => path.join(runtimeRoot, 'data', process),
  tmpOf: (process: string) => path.join(runtimeRoot, 'tmp', process),

  /** The fabric-ca-server's home: its keys, certificate and registration database. */
  caServer: (org: string) => path.join(runtimeRoot, 'ca', org, 'server'),
  /** The CA's bootstrap administrator, enrolled so it can register identities. */
  caRegistrar: (org: string) => path.join(runtimeRoot, 'ca', org, 'registrar'),
  /** The organisation's MSP as the channel configuration sees it. */
  orgMsp: (org: string) => path.join(runtimeRoot, 'orgs', org, 'msp'),
  /** An enrolled identity of an org: `<dir>/msp` and, for nodes, `<dir>/tls`. */
  identity: (org: string, name: string) => path.join(runtimeRoot, 'orgs', org, 'identities', name),
};

export const builderRoot = path.join(repoRoot, 'network', 'builders');

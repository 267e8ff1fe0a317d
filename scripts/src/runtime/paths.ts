import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The one ignored folder that holds every piece of runtime state (PATREC_HOME overrides). */
const root = () => path.resolve(process.env.PATREC_HOME ?? path.join(repoRoot, '.patrec'));
const under = (...parts: string[]) => path.join(root(), ...parts);

export const paths = {
  get root() {
    return root();
  },
  get bin() {
    return under('bin');
  },
  get config() {
    return under('config');
  },
  get secrets() {
    return under('secrets.json');
  },
  get logs() {
    return under('logs');
  },
  get pids() {
    return under('run');
  },
  get channel() {
    return under('channel');
  },
  get chaincode() {
    return under('chaincode');
  },

  log: (process: string) => under('logs', `${process}.log`),
  pidFile: (process: string) => under('run', `${process}.pid`),
  /** The embedded record store's Unix socket: only the runtime folder's owner reaches it. */
  get databaseSocket() {
    return under('run', 'database.sock');
  },
  /** How the process was started (command, arguments, folder, environment), to start it again. */
  specFile: (process: string) => under('run', `${process}.spec.json`),
  /** Written when the watchdog stopped restarting a process that kept dying. */
  gaveUpFile: (process: string) => under('run', `${process}.gave-up.json`),
  dataOf: (process: string) => under('data', process),
  tmpOf: (process: string) => under('tmp', process),

  /** The fabric-ca-server's home: its keys, certificate and registration database. */
  caServer: (org: string) => under('ca', org, 'server'),
  /** The CA's bootstrap administrator, enrolled so it can register identities. */
  caRegistrar: (org: string) => under('ca', org, 'registrar'),
  /** The organisation's MSP as the channel configuration sees it. */
  orgMsp: (org: string) => under('orgs', org, 'msp'),
  /** An enrolled identity of an org: `<dir>/msp` and, for nodes, `<dir>/tls`. */
  identity: (org: string, name: string) => under('orgs', org, 'identities', name),
};

export const builderRoot = path.join(repoRoot, 'network', 'builders');

/**
 * Makes the runtime folder reachable by its owner alone (0700): it holds the CAs' keys and
 * databases, every node's key, the record store and the master key.
 */
export function keepRuntimeFolderPrivate() {
  mkdirSync(root(), { recursive: true, mode: 0o700 });
  chmodSync(root(), 0o700);
}

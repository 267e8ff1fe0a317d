import type { NetworkConfig } from '../config/network-config.js';
import { isListening } from '../process/ports.js';
import { adoptRunning, startProcess } from '../process/supervisor.js';
import { waitFor } from '../process/wait.js';
import { paths } from '../runtime/paths.js';
import type { Binaries } from '../toolchain/binaries.js';

export const databaseProcessName = 'database';

/** The record store's URI: MONGODB_URI when set, else the embedded FerretDB. */
export function databaseUri(config: NetworkConfig) {
  const { host, port } = config.services.database;
  return process.env.MONGODB_URI ?? `mongodb://${host}:${port}/`;
}

export const usesEmbeddedDatabase = () => !process.env.MONGODB_URI;

/** Starts FerretDB on SQLite under the runtime folder, unless MONGODB_URI names a server. */
export async function startDatabase(config: NetworkConfig, binaries: Binaries) {
  if (!usesEmbeddedDatabase()) return;
  const { host, port } = config.services.database;
  const spec = {
    name: databaseProcessName,
    command: binaries.ferretdb!,
    args: ['-listen', `${host}:${port}`, '-data', paths.dataOf(databaseProcessName)],
  };
  if (adoptRunning(spec)) return;
  const started = startProcess(spec);
  await waitFor(`FerretDB on ${host}:${port}`, () => isListening(config.services.database), {
    timeoutMs: 20_000,
    hint: `Check ${started.log}.`,
    process: started,
  });
}

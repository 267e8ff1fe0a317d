import { isListening } from '../process/ports.js';
import { adoptRunning, sleep, startProcess, stopProcess } from '../process/supervisor.js';
import { waitFor } from '../process/wait.js';
import { paths } from '../runtime/paths.js';
import type { Binaries } from '../toolchain/binaries.js';

export const databaseProcessName = 'database';

/** The longest path a Unix socket may have on Linux (sun_path holds 108 bytes with its NUL). */
const socketPathLimit = 107;

/**
 * The record store's URI: MONGODB_URI when set, else the embedded FerretDB on its Unix socket
 * (the driver takes the socket's path, URL-encoded, as the host).
 */
export function databaseUri() {
  return process.env.MONGODB_URI ?? `mongodb://${encodeURIComponent(paths.databaseSocket)}/`;
}

export const usesEmbeddedDatabase = () => !process.env.MONGODB_URI;

/** True when the embedded store accepts a connection on its socket. */
export const embeddedDatabaseAnswers = () => isListening({ path: paths.databaseSocket });

/**
 * Starts FerretDB on SQLite under the runtime folder, unless MONGODB_URI names a server. It
 * listens on an owner-only Unix socket, never on TCP: no other local user can connect to it
 * and rewrite a password hash (issue 17, item 9).
 */
export async function startDatabase(binaries: Binaries) {
  if (!usesEmbeddedDatabase()) return;
  const socket = paths.databaseSocket;
  if (Buffer.byteLength(socket) > socketPathLimit) {
    throw new Error(
      `the record store's socket path ${socket} is longer than the ${socketPathLimit} bytes ` +
        'Linux allows: set PATREC_HOME to a shorter folder (such as ~/.patrec)',
    );
  }
  const spec = {
    name: databaseProcessName,
    command: binaries.ferretdb!,
    args: ['-socket', socket, '-data', paths.dataOf(databaseProcessName)],
  };
  if (adoptRunning(spec)) {
    if (await answersWithin(5_000)) return;
    // One started before the store moved to its socket listens on TCP: start it anew.
    await stopProcess(databaseProcessName);
  }
  const started = startProcess(spec);
  await waitFor(`FerretDB on ${socket}`, embeddedDatabaseAnswers, {
    timeoutMs: 20_000,
    hint: `Check ${started.log}.`,
    process: started,
  });
}

async function answersWithin(ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await embeddedDatabaseAnswers()) return true;
    await sleep(250);
  }
  return false;
}

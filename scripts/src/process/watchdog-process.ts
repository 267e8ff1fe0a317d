import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { paths, repoRoot } from '../runtime/paths.js';
import { gaveUpMarkers, type GaveUpMarker } from './gave-up.js';
import { isRecordAlive, readPidRecord, recordedNames } from './process-records.js';
import { runningPid, startProcess, stopProcess } from './supervisor.js';
import { waitFor } from './wait.js';
import { watchdogProcessName } from './watchdog.js';

const entry = path.join(repoRoot, 'scripts', 'src', 'cli', 'watchdog.ts');

/**
 * Starts the watchdog (unless it runs) and waits until it has looked at every process once.
 * `npm start` starts it last and stops it first, so it never restarts what a start starts.
 */
export async function startWatchdog() {
  if (runningPid(watchdogProcessName) !== undefined) return;
  const log = paths.log(watchdogProcessName);
  const logged = existsSync(log) ? statSync(log).size : 0;
  // Run through tsx's loader in this process's node, like every operator tool.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const started = startProcess({
    name: watchdogProcessName,
    command: process.execPath,
    args: ['--import', tsx, entry],
    cwd: repoRoot,
    env: { ...process.env, PATREC_HOME: paths.root },
  });
  const lookedOnce = () =>
    Promise.resolve(readFileSync(log).subarray(logged).toString('utf8').includes(' watching '));
  await waitFor('the watchdog to look at every process', lookedOnce, {
    timeoutMs: 20_000,
    hint: `Check ${log}.`,
    process: started,
  });
}

export const stopWatchdog = () => stopProcess(watchdogProcessName);

export interface SupervisionStatus {
  watchdog: { up: boolean; pid: number | null; log: string };
  /** Running processes the watchdog starts again if they die. */
  restartable: string[];
  /** Running processes started before their spec was recorded: the watchdog cannot restart them. */
  notRestartable: string[];
  /** Processes the watchdog stopped restarting because they kept dying. */
  gaveUp: GaveUpMarker[];
}

/** Read from this machine's runtime folder (pid, spec and marker files). */
export function supervisionStatus(): SupervisionStatus {
  const running = recordedNames().filter((name) => {
    const record = name !== watchdogProcessName && readPidRecord(name);
    return record && isRecordAlive(record);
  });
  const restartable = running.filter((name) => existsSync(paths.specFile(name)));
  const pid = runningPid(watchdogProcessName);
  return {
    watchdog: { up: pid !== undefined, pid: pid ?? null, log: paths.log(watchdogProcessName) },
    restartable,
    notRestartable: running.filter((name) => !restartable.includes(name)),
    gaveUp: gaveUpMarkers(),
  };
}

import { spawn } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { paths } from '../runtime/paths.js';
import { lastLines } from './exec.js';
import { groupMembers, isAlive } from './proc.js';
import {
  isRecordAlive,
  readPidRecord,
  readSpec,
  recordOf,
  removeRecords,
  writePidRecord,
  writeSpec,
  type PidRecord,
  type ProcessSpec,
} from './process-records.js';

/** A background process this run started, watched until the run ends. */
export interface StartedProcess {
  name: string;
  pid: number;
  log: string;
  /** Set once the process has exited while this run was watching. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
}

export class ProcessDiedError extends Error {
  override name = 'ProcessDiedError';
  constructor(started: StartedProcess) {
    const how = started.exit?.signal ?? `exit code ${started.exit?.code}`;
    super(
      `${started.name} stopped right after starting (${how}). Last lines of ${started.log}:\n` +
        indent(lastLines(readLog(started.log), 20)),
    );
  }
}

/**
 * Starts a process in its own process group, detached from this terminal, logging to
 * .patrec/logs/<name>.log and recording its pid, so it outlives `npm start` and `npm stop`
 * can end exactly it (and the chaincode processes a peer launched in its group). How it was
 * started is recorded beside the pid, so the watchdog can start it again when it dies.
 */
export function startProcess(spec: ProcessSpec): StartedProcess {
  // Chaincode a SIGKILLed peer left running, say: nothing of the last one may linger.
  const previous = readPidRecord(spec.name);
  if (previous) endLeftovers(previous);
  mkdirSync(paths.logs, { recursive: true });
  mkdirSync(paths.pids, { recursive: true });
  const log = paths.log(spec.name);
  const fd = openSync(log, 'a');
  writeFileSync(fd, `\n=== ${new Date().toISOString()} starting ${spec.command} ===\n`);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const started: StartedProcess = { name: spec.name, pid: child.pid ?? 0, log };
  child.once('exit', (code, signal) => {
    started.exit = { code, signal };
  });
  // A command that cannot be run (ENOENT, EACCES) is reported as an event, not thrown.
  child.once('error', (error) => {
    appendFileSync(log, `could not start ${spec.command}: ${error.message}\n`);
    started.exit = { code: null, signal: null };
  });
  if (child.pid === undefined) throw new Error(`could not start ${spec.command}, see ${log}`);
  child.unref();
  writeSpec(spec);
  writePidRecord(spec.name, recordOf(child.pid, spec.command));
  return started;
}

/**
 * True when the named process runs already. One started before its spec was recorded gets
 * this spec recorded now (what `npm start` would run), so the watchdog can restart it too.
 */
export function adoptRunning(spec: ProcessSpec): boolean {
  if (runningPid(spec.name) === undefined) return false;
  if (readSpec(spec.name) === undefined) writeSpec(spec);
  return true;
}

/** The pid of the named process if the one we started is still alive, else undefined. */
export function runningPid(name: string): number | undefined {
  const record = readPidRecord(name);
  return record && isRecordAlive(record) ? record.pid : undefined;
}

/** Sends SIGTERM to the named process's group, then SIGKILL if it has not ended in time. */
export async function stopProcess(name: string, timeoutMs = 10_000): Promise<boolean> {
  const record = readPidRecord(name);
  // Removed before any signal: the watchdog restarts only a process whose pid file remains.
  removeRecords(name);
  if (record === undefined) return false;
  if (!isRecordAlive(record)) {
    endLeftovers(record);
    return false;
  }
  const { pid } = record;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) signalGroup(pid, 'SIGKILL');
  endLeftovers(record);
  return true;
}

/**
 * Ends (SIGKILL) what is left of the process group a dead process led, and returns those
 * pids. Only while the leader's pid is free: the kernel gives the number of a group that
 * still has members to no new process, so those members are the leftovers of ours.
 */
export function endLeftovers(record: PidRecord): number[] {
  if (isAlive(record.pid)) return [];
  const leftovers = groupMembers(record.pid);
  if (leftovers.length > 0) signalGroup(record.pid, 'SIGKILL');
  return leftovers;
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

export function readLog(log: string): string {
  try {
    return readFileSync(log, 'utf8');
  } catch {
    return '(no log written)';
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const indent = (text: string) => text.replace(/^/gm, '    ');

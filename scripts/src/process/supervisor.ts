import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { paths } from '../runtime/paths.js';
import { lastLines } from './exec.js';

export interface ProcessSpec {
  /** Unique name: names the log file and the pid file. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** A background process this run started, watched until the run ends. */
export interface StartedProcess {
  name: string;
  pid: number;
  log: string;
  /** Set once the process has exited while this run was watching. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
}

interface PidRecord {
  pid: number;
  command: string;
  /** Kernel start time of the process: tells our process from a later one given the same pid. */
  startTicks: string;
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
 * can end exactly it (and the chaincode processes a peer launched in its group).
 */
export function startProcess(spec: ProcessSpec): StartedProcess {
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
  if (child.pid === undefined) throw new Error(`could not start ${spec.command}`);
  const started: StartedProcess = { name: spec.name, pid: child.pid, log };
  child.once('exit', (code, signal) => {
    started.exit = { code, signal };
  });
  child.unref();
  const record: PidRecord = {
    pid: child.pid,
    command: spec.command,
    startTicks: startTicks(child.pid),
  };
  writeFileSync(paths.pidFile(spec.name), JSON.stringify(record));
  return started;
}

/** The pid of the named process if the one we started is still alive, else undefined. */
export function runningPid(name: string): number | undefined {
  let record: PidRecord;
  try {
    record = JSON.parse(readFileSync(paths.pidFile(name), 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
  // Not the command line: processes such as next-server rename themselves.
  return isAlive(record.pid) && startTicks(record.pid) === record.startTicks
    ? record.pid
    : undefined;
}

/** Field 22 of /proc/PID/stat, the time the process started, in clock ticks since boot. */
function startTicks(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces, so count fields after its closing bracket.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** True when the pid exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return !/^State:\s+Z/m.test(status);
  } catch {
    return false;
  }
}

/** Sends SIGTERM to the named process's group, then SIGKILL if it has not ended in time. */
export async function stopProcess(name: string, timeoutMs = 10_000): Promise<boolean> {
  const pid = runningPid(name);
  rmSync(paths.pidFile(name), { force: true });
  if (pid === undefined) return false;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) signalGroup(pid, 'SIGKILL');
  return true;
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

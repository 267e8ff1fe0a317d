import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { paths } from '../runtime/paths.js';
import { isAlive, startTicks } from './proc.js';

/** How to start a process: what `startProcess` runs, and what the watchdog runs again. */
export interface ProcessSpec {
  /** Unique name: names the log file, the pid file and the spec file. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** The pid file: which process runs under a name. */
export interface PidRecord {
  pid: number;
  command: string;
  /** Kernel start time of the process: tells our process from a later one given the same pid. */
  startTicks: string;
}

export function recordOf(pid: number, command: string): PidRecord {
  return { pid, command, startTicks: startTicks(pid) };
}

export function writePidRecord(name: string, record: PidRecord) {
  writeAtomically(paths.pidFile(name), JSON.stringify(record));
}

export function readPidRecord(name: string): PidRecord | undefined {
  const record = readJson(paths.pidFile(name));
  if (!isObject(record) || typeof record.pid !== 'number') return undefined;
  return {
    pid: record.pid,
    command: typeof record.command === 'string' ? record.command : '',
    startTicks: typeof record.startTicks === 'string' ? record.startTicks : '',
  };
}

/** True while the recorded process runs (not the command line: next-server renames itself). */
export const isRecordAlive = (record: PidRecord) =>
  isAlive(record.pid) && startTicks(record.pid) === record.startTicks;

export const sameRecord = (a: PidRecord, b: PidRecord) =>
  a.pid === b.pid && a.startTicks === b.startTicks;

/** Readable by the owner only: the environment may hold secrets (the master key, passwords). */
export function writeSpec(spec: ProcessSpec) {
  const env = spec.env ?? process.env;
  writeAtomically(paths.specFile(spec.name), JSON.stringify({ ...spec, env }));
}

export function readSpec(name: string): ProcessSpec | undefined {
  const spec = readJson(paths.specFile(name));
  if (!isObject(spec) || spec.name !== name || typeof spec.command !== 'string') return undefined;
  if (!Array.isArray(spec.args) || !spec.args.every((a) => typeof a === 'string')) return undefined;
  if (spec.cwd !== undefined && typeof spec.cwd !== 'string') return undefined;
  if (!isObject(spec.env) || !Object.values(spec.env).every((v) => typeof v === 'string')) {
    return undefined;
  }
  return {
    name,
    command: spec.command,
    args: spec.args,
    env: spec.env as NodeJS.ProcessEnv,
    ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
  };
}

/** The pid file first: a process without one is stopped on purpose, never restarted. */
export function removeRecords(name: string) {
  rmSync(paths.pidFile(name), { force: true });
  rmSync(paths.specFile(name), { force: true });
}

/** Every name that has a pid file. */
export function recordedNames(): string[] {
  let entries: string[];
  try {
    entries = readdirSync(paths.pids);
  } catch {
    return [];
  }
  return entries.filter((e) => e.endsWith('.pid')).map((e) => e.slice(0, -'.pid'.length));
}

/** Written whole or not at all, so a reader never sees half a record. */
function writeAtomically(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  rmSync(partial, { force: true });
  writeFileSync(partial, text, { mode: 0o600 });
  renameSync(partial, file);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

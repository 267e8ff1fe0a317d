import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { runningPid } from '../process/supervisor.js';

/** A process's CPU time so far, read from /proc/<pid>/stat at a moment. */
export interface CpuSample {
  pid: number;
  /** Kernel start time: tells a restarted process from the one sampled before. */
  startTicks: string;
  /** utime + stime, in clock ticks. */
  busyTicks: number;
  atMs: number;
}

/** utime + stime and the start time from the text of /proc/<pid>/stat. */
export function parseProcStat(text: string): {
  busyTicks: number;
  startTicks: string;
  parentPid: number;
} {
  // The command name (field 2) may hold spaces; fields after its bracket start at field 3.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const parentPid = Number(fields[1]);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const startTicks = fields[19];
  if (!Number.isFinite(utime) || !Number.isFinite(stime) || !startTicks)
    throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 80)}`);
  return { busyTicks: utime + stime, startTicks, parentPid };
}

/**
 * CPU used between two samples of one process, as % of one core; undefined when either
 * sample is missing or the process was restarted in between (its time started over).
 */
export function cpuPercent(
  before: CpuSample | undefined,
  after: CpuSample | undefined,
  ticksPerSecond: number,
): number | undefined {
  if (!before || !after) return undefined;
  if (before.pid !== after.pid || before.startTicks !== after.startTicks) return undefined;
  const seconds = (after.atMs - before.atMs) / 1000;
  if (seconds <= 0) return undefined;
  return ((after.busyTicks - before.busyTicks) / ticksPerSecond / seconds) * 100;
}

/** The kernel's clock ticks per second (USER_HZ): 100 on every common Linux build. */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/** Samples the named PatRec process (the pid `npm start` recorded), if it is running. */
export function sampleCpu(processName: string): CpuSample | undefined {
  const pid = runningPid(processName);
  if (pid === undefined) return undefined;
  return samplePid(pid);
}

function samplePid(pid: number): CpuSample | undefined {
  try {
    const atMs = performance.now();
    const { busyTicks, startTicks } = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return { pid, atMs, busyTicks, startTicks };
  } catch {
    return undefined;
  }
}

/** How long ago the process started: the system's uptime less the process's start time. */
export function secondsSinceStart(pid: number, ticksPerSecond: number): number | undefined {
  try {
    const { startTicks } = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    const seconds = uptime - Number(startTicks) / ticksPerSecond;
    return Number.isFinite(seconds) ? seconds : undefined;
  } catch {
    return undefined;
  }
}

/** CPU % of one core of several processes over a window: start it, then end it. */
export class CpuWindow {
  readonly #before: Map<string, CpuSample | undefined>;

  constructor(
    readonly processNames: string[],
    readonly ticksPerSecond: number,
  ) {
    this.#before = new Map(processNames.map((name) => [name, sampleCpu(name)]));
  }

  /** Each process's % of one core since the window began; null when it was not measurable. */
  end(): Record<string, number | null> {
    return Object.fromEntries(
      this.processNames.map((name) => [
        name,
        cpuPercent(this.#before.get(name), sampleCpu(name), this.ticksPerSecond) ?? null,
      ]),
    );
  }
}

/** Every running process's parent, from /proc. */
function parentsOfAll(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parents.set(
        Number(entry),
        parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8')).parentPid,
      );
    } catch {
      // Ended while we looked.
    }
  }
  return parents;
}

/** The processes started, directly or not, by `root`. */
function descendantsOf(root: number, parents: Map<number, number>): number[] {
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, ppid] of parents) {
      if (ppid === parent) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

/** CPU seconds used between two samples; 0 for a process that was not the same in both. */
function busySeconds(before: CpuSample, after: CpuSample | undefined, ticksPerSecond: number) {
  if (!after || after.startTicks !== before.startTicks) return 0;
  return (after.busyTicks - before.busyTicks) / ticksPerSecond;
}

/** CPU seconds a named process and, apart, what it started (a peer's chaincode) used. */
export interface TreeCpuSeconds {
  own: number;
  descendants: number;
}

/**
 * CPU seconds of processes and of their descendants over a window: start it, then end it.
 * A descendant started inside the window is not counted (only what ran throughout).
 */
export class TreeCpuWindow {
  readonly #before = new Map<string, { root: CpuSample; descendants: CpuSample[] }>();

  /** `roots`: a name for each process measured, and its pid. */
  constructor(
    roots: Map<string, number>,
    readonly ticksPerSecond: number,
  ) {
    const parents = parentsOfAll();
    for (const [name, pid] of roots) {
      const root = samplePid(pid);
      if (!root) continue;
      const descendants = descendantsOf(pid, parents)
        .map(samplePid)
        .filter((sample): sample is CpuSample => sample !== undefined);
      this.#before.set(name, { root, descendants });
    }
  }

  /** PatRec's named processes (the pids `npm start` recorded) that are running. */
  static ofRunning(processNames: string[], ticksPerSecond: number): TreeCpuWindow {
    const roots = new Map<string, number>();
    for (const name of processNames) {
      const pid = runningPid(name);
      if (pid !== undefined) roots.set(name, pid);
    }
    return new TreeCpuWindow(roots, ticksPerSecond);
  }

  /** Each measurable process's CPU seconds since the window began. */
  end(): Record<string, TreeCpuSeconds> {
    const used: Record<string, TreeCpuSeconds> = {};
    const seconds = (sample: CpuSample) =>
      busySeconds(sample, samplePid(sample.pid), this.ticksPerSecond);
    for (const [name, { root, descendants }] of this.#before) {
      used[name] = {
        own: seconds(root),
        descendants: descendants.reduce((sum, sample) => sum + seconds(sample), 0),
      };
    }
    return used;
  }
}

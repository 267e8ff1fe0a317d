import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
export function parseProcStat(text: string): { busyTicks: number; startTicks: string } {
  // The command name (field 2) may hold spaces; fields after its bracket start at field 3.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const startTicks = fields[19];
  if (!Number.isFinite(utime) || !Number.isFinite(stime) || !startTicks)
    throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 80)}`);
  return { busyTicks: utime + stime, startTicks };
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
  try {
    const atMs = performance.now();
    return { pid, atMs, ...parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8')) };
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

/**
 * The watchdog's decisions, without any I/O: given what it knows about one process and what
 * it sees now, what to do. The watchdog feeds it one sighting per process per poll.
 */

export interface RestartPolicy {
  /** Wait before the 1st, 2nd, 3rd … restart within the window; the last one repeats. */
  backoffMs: readonly number[];
  /** A process that dies again after this many restarts within the window is given up. */
  maxRestarts: number;
  windowMs: number;
}

/** Within 5 s of a death even at the longest back-off, with the watchdog's 500 ms poll. */
export const restartPolicy: RestartPolicy = {
  backoffMs: [1_000, 2_000, 4_000],
  maxRestarts: 5,
  windowMs: 120_000,
};

/** What the watchdog sees of a process: its pid record, and whether that process runs. */
export type Sighting =
  /** No pid file: stopped on purpose (`npm stop` removes it before it kills), or never started. */
  | { state: 'stopped' }
  /** `record` tells one process from the next started under the same name (pid + start time). */
  | { state: 'alive' | 'dead'; record: string };

/** What the watchdog knows about one process. */
export interface Watch {
  /** The pid record last seen. */
  record?: string;
  /** Whether that record's process was seen alive (or started by the watchdog). */
  seenAlive: boolean;
  /** When the watchdog restarted it, within the policy's window. */
  restartTimes: readonly number[];
  pendingRestart?: { dueAt: number; restart: number };
  gaveUp: boolean;
}

export type Step =
  | { kind: 'nothing' }
  /** Dead when first seen: the watchdog restarts only what it saw running. */
  | { kind: 'found-dead' }
  /** Just died: restart it after `delayMs`, as restart number `restart` within the window. */
  | { kind: 'restart-later'; delayMs: number; restart: number }
  | { kind: 'restart-now'; restart: number }
  | { kind: 'give-up'; restarts: number };

export const newWatch = (): Watch => ({ seenAlive: false, restartTimes: [], gaveUp: false });

export function observe(
  watch: Watch,
  sighting: Sighting,
  now: number,
  policy: RestartPolicy = restartPolicy,
): { watch: Watch; step: Step } {
  const nothing = { kind: 'nothing' } as const;
  const restartTimes = watch.restartTimes.filter((at) => now - at < policy.windowMs);
  switch (sighting.state) {
    case 'stopped':
      // A stop cancels a pending restart; the restarts before it still count.
      return { watch: { ...newWatch(), restartTimes }, step: nothing };
    case 'alive':
      if (sighting.record === watch.record) return { watch, step: nothing };
      // Started anew (by `npm start`, a tool, or the watchdog itself): watch this one.
      return {
        watch: { ...newWatch(), record: sighting.record, seenAlive: true, restartTimes },
        step: nothing,
      };
    case 'dead': {
      if (sighting.record !== watch.record) {
        const found = { ...newWatch(), record: sighting.record, restartTimes };
        return { watch: found, step: { kind: 'found-dead' } };
      }
      if (!watch.seenAlive || watch.gaveUp) return { watch, step: nothing };
      if (watch.pendingRestart) {
        const { dueAt, restart } = watch.pendingRestart;
        return { watch, step: now >= dueAt ? { kind: 'restart-now', restart } : nothing };
      }
      if (restartTimes.length >= policy.maxRestarts) {
        return {
          watch: { ...watch, restartTimes, gaveUp: true },
          step: { kind: 'give-up', restarts: restartTimes.length },
        };
      }
      const delayMs = backoff(restartTimes.length, policy);
      const restart = restartTimes.length + 1;
      return {
        watch: { ...watch, restartTimes, pendingRestart: { dueAt: now + delayMs, restart } },
        step: { kind: 'restart-later', delayMs, restart },
      };
    }
  }
}

/**
 * After the watchdog started the process again: `record` is the new process's, or undefined
 * when it could not be started (that still counts, so a broken command is given up too).
 */
export function restarted(watch: Watch, record: string | undefined, now: number): Watch {
  return {
    record: record ?? watch.record,
    seenAlive: record === undefined ? watch.seenAlive : true,
    restartTimes: [...watch.restartTimes, now],
    gaveUp: watch.gaveUp,
  };
}

/** The wait before the next restart, after `restartsSoFar` restarts within the window. */
export function backoff(restartsSoFar: number, policy: RestartPolicy = restartPolicy): number {
  const { backoffMs } = policy;
  return backoffMs[Math.min(restartsSoFar, backoffMs.length - 1)] ?? 0;
}

/** "5 restarts in 2 min" */
export function describeRestarts(restarts: number, windowMs = restartPolicy.windowMs) {
  const window = windowMs % 60_000 === 0 ? `${windowMs / 60_000} min` : `${windowMs / 1000} s`;
  return `${restarts} restart${restarts === 1 ? '' : 's'} in ${window}`;
}

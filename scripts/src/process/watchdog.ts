import { appendFileSync, existsSync } from 'node:fs';
import { paths } from '../runtime/paths.js';
import { writeGaveUp } from './gave-up.js';
import {
  isRecordAlive,
  readPidRecord,
  readSpec,
  recordedNames,
  sameRecord,
  type PidRecord,
} from './process-records.js';
import {
  describeRestarts,
  newWatch,
  observe,
  restarted,
  restartPolicy,
  type RestartPolicy,
  type Sighting,
  type Step,
  type Watch,
} from './restart-policy.js';
import { endLeftovers, startProcess, type StartedProcess } from './supervisor.js';

export const watchdogProcessName = 'watchdog';

export interface WatchdogOptions {
  policy?: RestartPolicy;
  pollMs?: number;
  /** Writes one line to the watchdog's log. */
  log?: (line: string) => void;
}

/**
 * Restarts any process `startProcess` started that has died: one whose pid file is still
 * there (`npm stop` removes it before it kills) while its process is gone. It starts it
 * again from the spec recorded beside the pid file, after the policy's back-off, and gives
 * up on a process that keeps dying, leaving a marker `npm run status` shows.
 */
export class Watchdog {
  readonly #policy: RestartPolicy;
  readonly #pollMs: number;
  readonly #log: (line: string) => void;
  readonly #watches = new Map<string, Watch>();
  /** What this watchdog started: as their parent it learns how they ended. */
  readonly #children = new Map<string, StartedProcess>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #poll: NodeJS.Timeout | undefined;

  constructor(options: WatchdogOptions = {}) {
    this.#policy = options.policy ?? restartPolicy;
    this.#pollMs = options.pollMs ?? 500;
    this.#log = options.log ?? ((line) => console.log(line));
  }

  start() {
    this.tick();
    const names = [...this.#watches.keys()];
    this.#say(`watching ${names.length} processes: ${names.join(', ') || 'none yet'}`);
    this.#poll = setInterval(() => this.tick(), this.#pollMs);
  }

  stop() {
    clearInterval(this.#poll);
    this.#timers.forEach((timer) => clearTimeout(timer));
    this.#timers.clear();
  }

  /** One look at every process: the ones with a pid file and a recorded spec, and those watched. */
  tick() {
    const now = Date.now();
    const recorded = recordedNames().filter(
      (name) => name !== watchdogProcessName && existsSync(paths.specFile(name)),
    );
    for (const name of new Set([...recorded, ...this.#watches.keys()])) {
      try {
        this.#check(name, now);
      } catch (error) {
        this.#say(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  #check(name: string, now: number) {
    const seen = look(name);
    // Its pid file changed while we looked: someone started or stopped it; look next time.
    if (seen === undefined) return;
    // Dead, but the exit of a process this watchdog started is not reported yet: look again
    // in a moment, to say how it ended.
    const child = this.#children.get(name);
    if (seen.sighting.state === 'dead' && child?.pid === seen.record?.pid && !child?.exit) return;
    const before = this.#watches.get(name);
    const { watch, step } = observe(before ?? newWatch(), seen.sighting, now, this.#policy);
    if (seen.sighting.state === 'stopped' && watch.restartTimes.length === 0) {
      this.#watches.delete(name);
    } else {
      this.#watches.set(name, watch);
    }
    const firstSeen = before?.record === undefined && seen.sighting.state === 'alive';
    if (firstSeen && this.#poll !== undefined) {
      this.#say(`${name}: watching pid ${seen.record?.pid}`);
    }
    if (seen.record) this.#act(name, seen.record, step, now);
  }

  #act(name: string, record: PidRecord, step: Step, now: number) {
    switch (step.kind) {
      case 'nothing':
        return;
      case 'found-dead':
        this.#say(
          `${name}: pid ${record.pid} was not running when the watchdog first looked; ` +
            'not restarting it (npm start starts it)',
        );
        return;
      case 'restart-later': {
        this.#say(
          `${name}: pid ${record.pid} ${this.#howItEnded(name, record)}; ` +
            `restarting it in ${step.delayMs / 1000} s (restart ${step.restart})`,
        );
        // Restarted when due, not at the next poll after that.
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.tick();
        }, step.delayMs + 5);
        this.#timers.add(timer);
        return;
      }
      case 'restart-now':
        this.#restart(name, record, step.restart, now);
        return;
      case 'give-up': {
        const log = paths.log(name);
        writeGaveUp({
          name,
          at: new Date(now).toISOString(),
          restarts: step.restarts,
          windowMs: this.#policy.windowMs,
          pid: record.pid,
          log,
        });
        const why =
          `pid ${record.pid} ${this.#howItEnded(name, record)} after ` +
          `${describeRestarts(step.restarts, this.#policy.windowMs)}; the watchdog gave up on it. ` +
          'Fix it and run npm start.';
        appendFileSync(log, `${new Date(now).toISOString()} ${why}\n`);
        this.#say(`${name}: ${why} See ${log}.`);
        return;
      }
    }
  }

  #restart(name: string, record: PidRecord, restart: number, now: number) {
    const watch = this.#watches.get(name) ?? newWatch();
    const spec = readSpec(name);
    if (spec === undefined) {
      this.#watches.set(name, restarted(watch, undefined, now));
      this.#say(`${name}: cannot restart it: ${paths.specFile(name)} is missing or unreadable`);
      return;
    }
    const leftovers = endLeftovers(record);
    if (leftovers.length > 0) {
      this.#say(
        `${name}: ended what pid ${record.pid} left in its process group: ${leftovers.join(', ')}`,
      );
    }
    const why = `pid ${record.pid} ${this.#howItEnded(name, record)}, restart ${restart}`;
    appendFileSync(
      paths.log(name),
      `${new Date().toISOString()} restarted by the watchdog: ${why}\n`,
    );
    try {
      const started = startProcess(spec);
      this.#children.set(name, started);
      const fresh = readPidRecord(name);
      this.#watches.set(name, restarted(watch, fresh && recordKey(fresh), now));
      this.#say(`${name}: restarted by the watchdog as pid ${started.pid}: ${why}`);
    } catch (error) {
      this.#watches.set(name, restarted(watch, undefined, now));
      this.#say(`${name}: restart ${restart} failed: ${(error as Error).message}`);
    }
  }

  /** The watchdog knows the exit status only of what it started itself. */
  #howItEnded(name: string, record: PidRecord) {
    const child = this.#children.get(name);
    if (child?.pid !== record.pid || !child.exit) return 'was no longer running';
    const { code, signal } = child.exit;
    return signal ? `was killed by ${signal}` : `exited with code ${code}`;
  }

  #say(line: string) {
    this.#log(`${new Date().toISOString()} ${line}`);
  }
}

const recordKey = (record: PidRecord) => `${record.pid}:${record.startTicks}`;

/** What the process's pid file says and whether that process runs, or undefined if in flux. */
function look(name: string): { sighting: Sighting; record?: PidRecord } | undefined {
  const record = readPidRecord(name);
  if (record === undefined) return { sighting: { state: 'stopped' } };
  const key = recordKey(record);
  if (isRecordAlive(record)) return { sighting: { state: 'alive', record: key }, record };
  // Read again after finding it dead: a stop removes the pid file before it kills, so a pid
  // file still holding the same record means the process died by itself.
  const again = readPidRecord(name);
  if (again === undefined || !sameRecord(again, record)) return undefined;
  return { sighting: { state: 'dead', record: key }, record };
}

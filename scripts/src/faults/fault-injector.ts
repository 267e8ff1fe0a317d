import { isAlive } from '../process/proc.js';
import { runningPid, sleep } from '../process/supervisor.js';
import type { FaultTarget } from './fault-targets.js';

/** How long a killed process may take to come back before it counts as not recovered. */
const RECOVERY_DEADLINE_MS = 60_000;
const DEATH_DEADLINE_MS = 5_000;
const POLL_MS = 100;

/** What one SIGKILL came to, in `performance.now()` moments (the caller turns them into figures). */
export interface Kill {
  pid: number | null;
  killedAt: number;
  restartedAt: number | null;
  answeredAt: number | null;
  error?: string;
}

/**
 * SIGKILLs the target's process (the pid `npm start` recorded) and waits, without restarting
 * anything itself, until the watchdog has started another and that one answers.
 */
export async function killAndWatch(target: FaultTarget): Promise<Kill> {
  const now = () => performance.now();
  const pid = runningPid(target.process) ?? null;
  if (pid === null) {
    return {
      pid,
      killedAt: now(),
      restartedAt: null,
      answeredAt: null,
      error: `${target.process} was not running (no live pid in .patrec/run)`,
    };
  }
  process.kill(pid, 'SIGKILL');
  const killedAt = now();
  while (isAlive(pid) && now() - killedAt < DEATH_DEADLINE_MS) await sleep(20);
  if (isAlive(pid)) {
    return {
      pid,
      killedAt,
      restartedAt: null,
      answeredAt: null,
      error: `pid ${pid} still ran ${DEATH_DEADLINE_MS / 1000} s after SIGKILL`,
    };
  }
  let restartedAt: number | null = null;
  while (now() - killedAt < RECOVERY_DEADLINE_MS) {
    const next = runningPid(target.process);
    if (restartedAt === null && next !== undefined && next !== pid) restartedAt = now();
    // Only the new process counts: nothing else may answer for the killed one.
    if (restartedAt !== null && (await target.answers())) {
      return { pid, killedAt, restartedAt, answeredAt: now() };
    }
    await sleep(POLL_MS);
  }
  return {
    pid,
    killedAt,
    restartedAt,
    answeredAt: null,
    error:
      restartedAt === null
        ? `not restarted within ${RECOVERY_DEADLINE_MS / 1000} s (see .patrec/logs/watchdog.log)`
        : `restarted but not answering within ${RECOVERY_DEADLINE_MS / 1000} s (see .patrec/logs/${target.process}.log)`,
  };
}

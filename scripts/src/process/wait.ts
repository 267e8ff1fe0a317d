import { seconds } from '../ui/progress.js';
import { ProcessDiedError, sleep, type StartedProcess } from './supervisor.js';

export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** What to check when the wait times out. */
  hint: string;
  /** Fail at once, with its log, if this process dies while we wait. */
  process?: StartedProcess;
}

/** Polls `ready` until it resolves true; every wait has a timeout that says what to check. */
export async function waitFor(what: string, ready: () => Promise<boolean>, options: WaitOptions) {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (options.process?.exit) throw new ProcessDiedError(options.process);
    try {
      if (await ready()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(options.intervalMs ?? 250);
  }
  const cause = lastError instanceof Error ? `\nLast error: ${lastError.message}` : '';
  const log = options.process ? `\nIts log: ${options.process.log}` : '';
  throw new WaitTimeoutError(
    `gave up after ${seconds(options.timeoutMs)} waiting for ${what}. ${options.hint}${log}${cause}`,
  );
}

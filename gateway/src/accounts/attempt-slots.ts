import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { ApiError } from '../http/api-error.js';
import { insertIfAbsent } from '../store/store-helpers.js';

/**
 * Guesses of a secret are counted per account in fixed windows of `lockMs`: at most
 * `lockAfter` of them are evaluated in a window, the first `slowAfter` at full speed.
 */
export const loginThrottle = { slowAfter: 3, lockAfter: 5, lockMs: 15 * 60_000, stepDelayMs: 400 };

/** One guess allowed in a window: taken before the guess is checked, kept if it was wrong. */
interface AttemptSlot {
  /** `${subject}:${window}:${n}`, n from 1 to `lockAfter`. */
  _id: string;
  /** Index of the window (`now / lockMs`), so old slots can be swept. */
  window: number;
  takenAt: Date;
}

/** A guess allowed to go ahead: say how it went, so its slot is kept, freed or all are. */
export interface Attempt {
  /** The guess was right: the count starts again. */
  succeeded(): Promise<void>;
  /** The guess was neither right nor wrong (e.g. the code was not given yet). */
  withdrawn(): Promise<void>;
}

/**
 * Lockout that holds under concurrent guesses. The embedded store does not isolate updates
 * of one document from each other (two read-then-set or `$inc`s can both pass a limit), but
 * an insert by `_id` is decided once: each guess must first insert one of the window's
 * `lockAfter` slots, so 200 parallel guesses get 5 evaluations and 195 refusals.
 *
 * Subjects are account IDs, or a hash of the login typed for logins that match no account,
 * which then lock just the same: the answer never tells whether an account exists.
 */
export class AttemptSlots {
  readonly #slots: Collection<AttemptSlot>;

  constructor(
    db: Db,
    readonly now: () => number = Date.now,
  ) {
    this.#slots = db.collection<AttemptSlot>('attemptSlots');
  }

  /**
   * Takes a slot for one guess, slowing the guess when earlier ones failed; refuses with 429
   * and Retry-After when the window's slots are all taken.
   */
  async take(subject: string): Promise<Attempt> {
    const now = this.now();
    const window = Math.floor(now / loginThrottle.lockMs);
    const slotId = (n: number) => `${subject}:${window}:${n}`;
    for (let n = 1; n <= loginThrottle.lockAfter; n += 1) {
      const slot = { _id: slotId(n), window, takenAt: new Date(now) };
      if (!(await insertIfAbsent(this.#slots, slot))) continue;
      const failuresBefore = n - 1;
      if (failuresBefore >= loginThrottle.slowAfter) {
        const steps = failuresBefore - loginThrottle.slowAfter + 1;
        await new Promise((resolve) => setTimeout(resolve, steps * loginThrottle.stepDelayMs));
      }
      return {
        // Its own slot and the failures before it; guesses taken since still count.
        succeeded: async () => {
          for (let m = 1; m <= n; m += 1) await this.#slots.deleteOne({ _id: slotId(m) });
        },
        withdrawn: async () => {
          await this.#slots.deleteOne({ _id: slot._id });
        },
      };
    }
    const seconds = Math.ceil(((window + 1) * loginThrottle.lockMs - now) / 1000);
    throw new ApiError(
      'RATE_LIMITED',
      'too many failed log-ins; try again later',
      undefined,
      seconds,
    );
  }

  /** Slots of windows that have ended: a sweep in the background, never on a request. */
  async sweep(): Promise<number> {
    const window = Math.floor(this.now() / loginThrottle.lockMs);
    const { deletedCount } = await this.#slots.deleteMany({ window: { $lt: window } });
    return deletedCount;
  }
}

/** The subject a login that matches no account is counted under (never the login itself). */
export const unknownLoginSubject = (login: string) =>
  `unknown:${createHash('sha256').update(login.trim().toLowerCase()).digest('base64url')}`;

import { MAX_RECORDED_REFUSALS_PER_HOUR } from '@patrec/contract';
import { ApiError } from '../http/api-error.js';

const HOUR_MS = 3_600_000;

/**
 * The refused reads this gateway carried per person in the current hour (UTC), as the
 * ledger counts them. Once a person used up what the ledger records, their reads are
 * answered 429 until the hour ends without reaching the ledger: refusals cost a ledger
 * write each, so nobody may make unlimited ones. Only this hour's counts are kept.
 */
export class RefusalAllowance {
  #hour = -1;
  readonly #refused = new Map<string, number>();

  constructor(
    readonly limit = MAX_RECORDED_REFUSALS_PER_HOUR,
    readonly now: () => number = Date.now,
  ) {}

  /** Refuses, with the seconds until the next hour, a person with no refusals left. */
  check(readerId: string): void {
    const refused = this.#countsNow().get(readerId) ?? 0;
    if (refused < this.limit) return;
    const seconds = Math.ceil((HOUR_MS - (this.now() % HOUR_MS)) / 1000);
    throw new ApiError(
      'RATE_LIMITED',
      `${readerId} was refused ${refused} reads this hour, all recorded for the patients and auditors; reads are paused until the hour ends (in ${Math.ceil(seconds / 60)} min)`,
      undefined,
      seconds,
    );
  }

  refused(readerId: string): void {
    const counts = this.#countsNow();
    counts.set(readerId, (counts.get(readerId) ?? 0) + 1);
  }

  #countsNow(): Map<string, number> {
    const hour = Math.floor(this.now() / HOUR_MS);
    if (hour !== this.#hour) {
      this.#hour = hour;
      this.#refused.clear();
    }
    return this.#refused;
  }
}

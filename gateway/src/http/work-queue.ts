import { ApiError } from './api-error.js';

/**
 * Admits a bounded amount of costly work: `running` at once and `waiting` more in line, each
 * handed the place of one that ends; beyond that a request is refused at once with 429 and
 * Retry-After.
 */
export class WorkQueue {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly limits: { running: number; waiting: number }) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running < this.limits.running) {
      this.#running += 1;
    } else if (this.#waiting.length < this.limits.waiting) {
      await new Promise<void>((admitted) => this.#waiting.push(admitted));
    } else {
      throw new ApiError(
        'RATE_LIMITED',
        'too many log-ins and sign-ups at once; try again in a moment',
        undefined,
        1,
      );
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}

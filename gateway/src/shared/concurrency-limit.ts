/** How many may wait their turn, and what those beyond are told. */
export interface WaitingLine {
  most: number;
  full: () => Error;
}

/**
 * Runs at most `limit` tasks at once; the others wait their turn, first come first served.
 * With a `line`, at most `line.most` wait and any more are refused at once with `line.full()`.
 */
export class ConcurrencyLimit {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly limit: number,
    readonly line?: WaitingLine,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running < this.limit) this.#running += 1;
    else if (this.line && this.#waiting.length >= this.line.most) throw this.line.full();
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      // A freed slot passes straight to the next in line, or is given back.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}

/** Prints numbered steps with how long each took and the time since the start. */
export class Progress {
  readonly #started = Date.now();
  #step = 0;

  constructor(
    readonly title: string,
    readonly totalSteps: number,
  ) {}

  async step<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.#step += 1;
    const prefix = `[${this.#step}/${this.totalSteps}]`;
    const began = Date.now();
    process.stdout.write(`${prefix} ${label} …\n`);
    const result = await work();
    const took = seconds(Date.now() - began);
    process.stdout.write(`${prefix} ${label}: done in ${took} (${this.elapsed()} so far)\n`);
    return result;
  }

  /** A line under the current step, for progress inside long steps. */
  detail(message: string) {
    process.stdout.write(`      ${message}\n`);
  }

  elapsed() {
    return seconds(Date.now() - this.#started);
  }
}

export function seconds(ms: number) {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

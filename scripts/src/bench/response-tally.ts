/** A failure the gateway answered with 5xx, or a request that got no answer at all. */
export interface ServerFailure {
  operation: string;
  /** 0: no HTTP answer (refused connection, reset, a gateway restart). */
  status: number;
  code: string | null;
  message: string;
  count: number;
}

/** Every answer of one phase, counted by operation and status; 5xx kept with their words. */
export class ResponseTally {
  readonly #byOperation = new Map<string, Map<number, number>>();
  readonly #failures = new Map<string, ServerFailure>();

  /**
   * Counts an answer; returns true when it is a server failure not seen before in this
   * phase, so the caller can show it at once (later ones of the same kind are only counted).
   */
  count(operation: string, status: number, error?: { code?: string; message: string }) {
    const statuses = this.#byOperation.get(operation) ?? new Map<number, number>();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    this.#byOperation.set(operation, statuses);
    if (!isServerFailure(status)) return false;
    const code = error?.code ?? null;
    const message = error?.message ?? '';
    const key = JSON.stringify([operation, status, code, message]);
    const seen = this.#failures.get(key);
    if (seen) {
      seen.count += 1;
      return false;
    }
    this.#failures.set(key, { operation, status, code, message, count: 1 });
    return true;
  }

  get total() {
    return this.#sum(() => true);
  }

  /** Answers that were not 2xx: refusals, failures and requests without an answer. */
  get unsuccessful() {
    return this.#sum((status) => status < 200 || status >= 300);
  }

  get serverFailures() {
    return this.#sum(isServerFailure);
  }

  /** Counts by operation and status: `{ write: { '201': 40, '500': 2 } }`. */
  byOperation(): Record<string, Record<string, number>> {
    return Object.fromEntries(
      [...this.#byOperation].map(([operation, statuses]) => [
        operation,
        Object.fromEntries([...statuses].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n])),
      ]),
    );
  }

  failures(): ServerFailure[] {
    return [...this.#failures.values()].sort((a, b) => b.count - a.count);
  }

  #sum(which: (status: number) => boolean) {
    let sum = 0;
    for (const statuses of this.#byOperation.values()) {
      for (const [status, n] of statuses) if (which(status)) sum += n;
    }
    return sum;
  }
}

const isServerFailure = (status: number) => status === 0 || status >= 500;

/** "write 201×20 503×1, read 200×5": each operation's answers by status, 0 as "no answer". */
export function formatByStatus(byOperation: Record<string, Record<string, number>>): string {
  return Object.entries(byOperation)
    .map(
      ([operation, statuses]) =>
        `${operation} ${Object.entries(statuses)
          .map(([status, n]) => `${status === '0' ? 'no answer' : status}×${n}`)
          .join(' ')}`,
    )
    .join(', ');
}

import { percentile } from './ledger-bench.js';

export interface LatencySummary {
  count: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export function summarise(latenciesMs: number[]): LatencySummary {
  const figure = (value: number) => (Number.isNaN(value) ? null : Math.round(value));
  return {
    count: latenciesMs.length,
    p50Ms: figure(percentile(latenciesMs, 0.5)),
    p99Ms: figure(percentile(latenciesMs, 0.99)),
    maxMs: latenciesMs.length ? Math.round(latenciesMs.reduce((a, b) => Math.max(a, b))) : null,
  };
}

export interface DeliveryFigures extends LatencySummary {
  /** Writes answered whose event was awaited. */
  expected: number;
  /** Events that arrived later than the deadline, or not at all (once overdue). */
  notWithinDeadline: number;
}

export interface DeliveryReport extends DeliveryFigures {
  byEvent: Record<string, DeliveryFigures>;
}

/**
 * Matches the answers of writes with the SSE events they cause, and times the gap: from the
 * moment the write's HTTP answer arrived (the ledger had committed by then) to the moment
 * the event with that write's ID arrived. Either may come first; an event that beats the
 * answer counts as 0 ms, since the commit happened before the answer was sent.
 */
export class DeliveryTracker {
  /** Answered writes whose event has not arrived: key → when the answer came. */
  readonly #awaiting = new Map<string, { name: string; answeredAt: number }>();
  /** Events that came before their write's answer (or are someone else's): key → arrival. */
  readonly #early = new Map<string, number>();
  readonly #latencies = new Map<string, number[]>();
  readonly #late = new Map<string, number>();
  readonly #expected = new Map<string, number>();
  /** When the latest write was answered: what is awaited is overdue a deadline after it. */
  lastAnsweredAt = Number.NEGATIVE_INFINITY;

  constructor(readonly deadlineMs: number) {}

  static key(name: string, id: string) {
    return `${name} ${id}`;
  }

  answered(name: string, id: string, at: number) {
    const key = DeliveryTracker.key(name, id);
    this.lastAnsweredAt = Math.max(this.lastAnsweredAt, at);
    this.#expected.set(name, (this.#expected.get(name) ?? 0) + 1);
    if (this.#early.delete(key)) this.#record(name, 0);
    else this.#awaiting.set(key, { name, answeredAt: at });
  }

  arrived(name: string, id: string, at: number) {
    const key = DeliveryTracker.key(name, id);
    const waiting = this.#awaiting.get(key);
    if (!waiting) {
      this.#early.set(key, at);
      return;
    }
    this.#awaiting.delete(key);
    this.#record(name, at - waiting.answeredAt);
  }

  /** Whether the event of this key is still expected. */
  isAwaiting(key: string) {
    return this.#awaiting.has(key);
  }

  get awaitingCount() {
    return this.#awaiting.size;
  }

  /** Figures so far; what is still awaited counts as missed once its deadline has passed. */
  report(now: number): DeliveryReport {
    const overdue = new Map<string, number>();
    for (const { name, answeredAt } of this.#awaiting.values()) {
      if (now - answeredAt > this.deadlineMs) overdue.set(name, (overdue.get(name) ?? 0) + 1);
    }
    const names = new Set(this.#expected.keys());
    const byEvent = Object.fromEntries(
      [...names].sort().map((name) => [
        name,
        {
          ...summarise(this.#latencies.get(name) ?? []),
          expected: this.#expected.get(name) ?? 0,
          notWithinDeadline: (this.#late.get(name) ?? 0) + (overdue.get(name) ?? 0),
        },
      ]),
    );
    const all = [...this.#latencies.values()].flat();
    const total = (figure: 'expected' | 'notWithinDeadline') =>
      Object.values(byEvent).reduce((sum, e) => sum + e[figure], 0);
    return {
      ...summarise(all),
      expected: total('expected'),
      notWithinDeadline: total('notWithinDeadline'),
      byEvent,
    };
  }

  #record(name: string, latencyMs: number) {
    const samples = this.#latencies.get(name) ?? [];
    samples.push(latencyMs);
    this.#latencies.set(name, samples);
    if (latencyMs > this.deadlineMs) this.#late.set(name, (this.#late.get(name) ?? 0) + 1);
  }
}

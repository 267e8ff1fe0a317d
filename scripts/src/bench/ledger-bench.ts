export interface BenchResult {
  transactions: number;
  failures: number;
  seconds: number;
  latenciesMs: number[];
}

/**
 * Runs one loop per client concurrently, each submitting one transaction (or request) at a
 * time and waiting for its answer, until `total` have been started.
 */
export async function submitConcurrently<Client>(
  clients: Client[],
  total: number,
  submit: (client: Client) => Promise<void>,
  onProgress: (done: number) => void,
): Promise<BenchResult> {
  let started = 0;
  return submitWhile(clients, () => started++ < total, submit, onProgress);
}

/**
 * Like `submitConcurrently`, but each client starts another submit as long as `more()` says
 * so: what started before it said no is awaited and counted.
 */
export async function submitWhile<Client>(
  clients: Client[],
  more: () => boolean,
  submit: (client: Client) => Promise<void>,
  onProgress: (done: number) => void,
): Promise<BenchResult> {
  let failures = 0;
  const latenciesMs: number[] = [];
  const began = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (more()) {
        const t0 = performance.now();
        try {
          await submit(client);
          latenciesMs.push(performance.now() - t0);
        } catch {
          failures += 1;
        }
        const done = latenciesMs.length + failures;
        if (done % 100 === 0) onProgress(done);
      }
    }),
  );
  return {
    transactions: latenciesMs.length,
    failures,
    seconds: (performance.now() - began) / 1000,
    latenciesMs,
  };
}

/** The value below which the given share of the samples fall (nearest rank). */
export function percentile(samples: number[], share: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[rank]!;
}

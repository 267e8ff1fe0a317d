import type { HealthReport } from '@patrec/contract';

/** One dependency the gateway needs, and how to tell whether it answers. */
export interface DependencyCheck {
  name: 'database' | 'ledger';
  /** Resolves true when the dependency answers; must settle within a few seconds. */
  check: () => Promise<boolean>;
}

export async function healthReport(checks: DependencyCheck[]): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => [name, await check().catch(() => false)] as const),
  );
  return {
    status: results.every(([, up]) => up) ? 'ok' : 'unavailable',
    checks: Object.fromEntries(results.map(([name, up]) => [name, { up }])),
  };
}

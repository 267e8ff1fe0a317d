import { healthReport as report } from '@patrec/contract';
import { route, type Route } from '../http/route.js';
import { healthReport, type DependencyCheck } from './health-check.js';

/** GET /api/health: 200 when the ledger and the database answer, 503 with Retry-After if not. */
export function healthRoutes(checks: DependencyCheck[]): Route[] {
  return [
    route({
      method: 'get',
      path: '/health',
      summary: 'Whether the ledger and the record database answer',
      tag: 'health',
      access: 'public',
      response: report,
      errors: [503],
      handler: async ({ response }) => {
        const result = await healthReport(checks);
        if (result.status !== 'ok') response.set('Retry-After', '5').status(503).json(result);
        return result;
      },
    }),
  ];
}

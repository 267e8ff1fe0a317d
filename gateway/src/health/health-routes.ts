import { Router } from 'express';
import { healthReport, type DependencyCheck } from './health-check.js';

/** GET /api/health: 200 when the ledger and the database answer, 503 with Retry-After if not. */
export function healthRoutes(checks: DependencyCheck[]) {
  const router = Router();
  router.get('/health', async (_request, response) => {
    const report = await healthReport(checks);
    if (report.status !== 'ok') response.set('Retry-After', '5');
    response.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  return router;
}

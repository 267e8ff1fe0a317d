import express, { type ErrorRequestHandler } from 'express';
import type { DependencyCheck } from './health/health-check.js';
import { healthRoutes } from './health/health-routes.js';

export interface AppDependencies {
  checks: DependencyCheck[];
}

/** Builds the gateway's Express app without listening, so tests drive it in-process. */
export function createApp({ checks }: AppDependencies) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use('/api', healthRoutes(checks));
  app.use((_request, response) => {
    response.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such endpoint' } });
  });
  const onError: ErrorRequestHandler = (
    error: { status?: number; type?: string },
    _req,
    res,
    _next,
  ) => {
    // Body-parser errors carry a 4xx status; anything else is ours and says nothing more.
    const status = typeof error.status === 'number' && error.status < 500 ? error.status : 500;
    const message = status === 500 ? 'internal error' : 'the request could not be read';
    res
      .status(status)
      .json({ error: { code: status === 500 ? 'INTERNAL' : 'INVALID_REQUEST', message } });
  };
  app.use(onError);
  return app;
}

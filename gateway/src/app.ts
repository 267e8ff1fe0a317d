import { randomUUID } from 'node:crypto';
import cookieParser from 'cookie-parser';
import express, { Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { SessionResolver } from './accounts/session.js';
import { ApiError } from './http/api-error.js';
import { errorHandler } from './http/error-handler.js';
import { mountRoutes } from './http/mount-routes.js';
import { apiDocsPage } from './http/api-docs.js';
import { openApiDocument } from './http/openapi.js';
import type { Route } from './http/route.js';

export interface AppDependencies {
  routes: Route[];
  sessions: SessionResolver;
  log: Logger;
  version: string;
  /** Check every answer against its route's response schema (tests). */
  checkResponses?: boolean;
}

/** Builds the gateway's Express app without listening, so tests drive it in-process. */
export function createApp({ routes, sessions, log, version, checkResponses }: AppDependencies) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: log,
      genReqId: (request, response) => {
        const id = request.headers['x-request-id'];
        const requestId = typeof id === 'string' && /^[\w-]{1,64}$/.test(id) ? id : randomUUID();
        response.setHeader('X-Request-Id', requestId);
        return requestId;
      },
      // Method, path and status only: no headers (cookies), no bodies (PHI).
      serializers: {
        req: (request: { id: unknown; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          path: request.url.split('?')[0],
        }),
        res: (response: { statusCode: number }) => ({ status: response.statusCode }),
      },
    }),
  );
  // Large enough for a 5 MiB document in base64; anything bigger is refused with 413.
  app.use(express.json({ limit: '8mb' }));
  app.use(cookieParser());

  const api = Router();
  const document = openApiDocument(routes, version);
  api.get('/openapi.json', (_request, response) => {
    response.json(document);
  });
  const docs = apiDocsPage(routes, version);
  api.get('/docs', (_request, response) => {
    response.type('html').send(docs);
  });
  mountRoutes(api, routes, sessions, checkResponses);
  app.use('/api', api);
  app.use(() => {
    throw new ApiError('NOT_FOUND', 'no such endpoint');
  });
  app.use(errorHandler(log));
  return app;
}

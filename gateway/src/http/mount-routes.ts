import { timingSafeEqual } from 'node:crypto';
import type { Request, Router } from 'express';
import { csrfHeader, type Session, type SessionResolver } from '../accounts/session.js';
import { ApiError } from './api-error.js';
import type { Access, Route } from './route.js';
import { parsePart } from './validate.js';

const changesState = (request: Request) => !['GET', 'HEAD', 'OPTIONS'].includes(request.method);

/**
 * A handler answered with something its route's response schema does not describe: a bug
 * in the gateway, answered 500. Checked only where `checkResponses` is on (the tests).
 */
export class OffContractResponseError extends Error {
  override name = 'OffContractResponseError';
}

/**
 * Wires each route: session, access rule, CSRF check, validation, handler, status; with
 * `checkResponses`, also the answer against the route's response schema.
 */
export function mountRoutes(
  router: Router,
  routes: Route[],
  sessions: SessionResolver,
  checkResponses = false,
) {
  for (const r of routes) {
    router[r.method](r.path, async (request, response) => {
      const session = await sessions.fromRequest(request);
      authorize(r.access, session);
      if (session && changesState(request)) checkCsrf(request, session);
      const result = await r.handler({
        params: parsePart(r.params, request.params, 'params'),
        query: parsePart(r.query, request.query, 'query'),
        body: parsePart(r.body, request.body ?? {}, 'body'),
        session,
        request,
        response,
      });
      if (response.headersSent) return;
      if (checkResponses) checkResponse(r, result);
      if (result === undefined) response.status(r.status ?? 204).end();
      else response.status(r.status ?? 200).json(result);
    });
  }
}

function checkResponse(r: Route, result: unknown) {
  const checked = r.response.safeParse(result);
  if (checked.success) return;
  throw new OffContractResponseError(
    `${r.method.toUpperCase()} ${r.path} answered off its response schema: ${checked.error.message}`,
  );
}

function authorize(access: Access, session: Session | undefined) {
  if (access === 'public') return;
  if (!session) throw new ApiError('UNAUTHENTICATED', 'log in first: no valid session');
  if (access === 'authenticated' || access.includes(session.role)) return;
  throw new ApiError(
    'FORBIDDEN',
    `a ${session.role} may not do this; it needs ${access.join(' or ')}`,
    {
      reason: 'ROLE',
    },
  );
}

function checkCsrf(request: Request, session: Session) {
  const sent = request.get(csrfHeader) ?? '';
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(sent);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError('FORBIDDEN', `missing or wrong ${csrfHeader} header`, { reason: 'CSRF' });
  }
}

import request from 'supertest';
import type { Express } from 'express';
import type { GatewayServices } from '../gateway-services.js';
import type { Role } from '../http/route.js';
import { freshTotp } from './fresh-totp.js';

/** A logged-in person driving the real app: their agent keeps the session cookie. */
export interface Person {
  id: string;
  agent: request.Agent;
  csrf: string;
  /** The Cookie header of the session, for clients other than the agent (event streams). */
  cookie: string;
  /** Sends a state-changing request with the CSRF header. */
  send(method: 'post' | 'put' | 'delete', path: string, body?: object): request.Test;
}

let counter = 0;

/** Creates an account through the service (any role) and logs it in over HTTP. */
export async function personFor(
  app: Express,
  services: GatewayServices,
  role: Role,
  hospital: string,
  profile: Record<string, unknown> = {},
): Promise<Person> {
  counter += 1;
  const email = `${role}.${Date.now()}.${counter}@example.org`;
  const password = 'a long enough password';
  const created = await services.accounts.create({ role, hospital, email, password, profile });
  const agent = request.agent(app);
  const totp = created.totp ? await freshTotp(created.totp.secret, created.id) : undefined;
  const login = await agent
    .post('/api/sessions')
    .send({ login: email, password, ...(totp ? { totp } : {}) });
  if (login.status !== 200)
    throw new Error(`log-in of ${created.id} failed: ${JSON.stringify(login.body)}`);
  const csrf = (login.body as { csrfToken: string }).csrfToken;
  const setCookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
  return {
    id: created.id,
    agent,
    csrf,
    cookie: setCookies.map((c) => c.split(';')[0]).join('; '),
    send: (method, path, body) =>
      agent[method](path)
        .set('X-CSRF-Token', csrf)
        .send(body ?? {}),
  };
}

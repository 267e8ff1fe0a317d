import { expect } from 'chai';
import pino from 'pino';
import request from 'supertest';
import type { Session } from '../accounts/session.js';
import { apiRoutes } from '../api-routes.js';
import { createApp } from '../app.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { GatewayServices } from '../gateway-services.js';
import type { Role } from './route.js';

const roles: Role[] = ['patient', 'doctor', 'admin', 'auditor'];
const routes = apiRoutes({} as GatewayServices, { masterKey: Buffer.alloc(32) } as GatewayConfig);

const sessionOf = (role: Role): Session => ({
  id: `s-${role}`,
  userId: `${role.slice(0, 3).toUpperCase()}1`,
  role,
  hospital: 'hospitala',
  csrfToken: 'csrf',
  expiresAt: new Date(Date.now() + 60_000),
});

const app = createApp({
  routes,
  sessions: {
    fromRequest: (req) => {
      const role = req.get('x-test-role') as Role | undefined;
      return Promise.resolve(role ? sessionOf(role) : undefined);
    },
  },
  log: pino({ level: 'silent' }),
  version: 'test',
});

/** A path with plausible IDs in place of its parameters. */
const concrete = (path: string) =>
  `/api${path}`
    .replace(':patientId', 'PAT100')
    .replace(':recordId', 'PAT100REC0')
    .replace(':doctorId', 'DOC100')
    .replace(':consentId', `CON${'a'.repeat(64)}`);

/**
 * The first two columns of the authorization table, for every endpoint: no session, and
 * each role the endpoint does not admit. Both are decided before any handler runs, so no
 * ledger or database is touched. (The consent columns run against the real network in
 * consents/consent-flow.integration.test.ts.)
 */
describe('authorization table: every endpoint × no session / wrong role', () => {
  for (const r of routes.filter((route) => route.access !== 'public')) {
    const call = (role?: Role) => {
      const test = request(app)[r.method](concrete(r.path)).set('x-csrf-token', 'csrf');
      return role ? test.set('x-test-role', role) : test;
    };
    it(`${r.method.toUpperCase()} ${r.path}: 401 without a session`, async () => {
      const response = await call().expect(401);
      expect((response.body as { error: { code: string } }).error.code).to.equal('UNAUTHENTICATED');
    });
    const admitted = r.access === 'authenticated' ? roles : r.access;
    for (const role of roles.filter((x) => !admitted.includes(x))) {
      it(`${r.method.toUpperCase()} ${r.path}: 403 ROLE for a ${role}`, async () => {
        const response = await call(role).expect(403);
        expect((response.body as { error: { details: unknown } }).error.details).to.deep.equal({
          reason: 'ROLE',
        });
      });
    }
  }
});

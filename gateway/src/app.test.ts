import { expect } from 'chai';
import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';
import { createApp } from './app.js';
import type { DependencyCheck } from './health/health-check.js';
import { healthRoutes } from './health/health-routes.js';
import { route } from './http/route.js';

const up = () => Promise.resolve(true);
const down = () => Promise.resolve(false);
const noSessions = { fromRequest: () => Promise.resolve(undefined) };

const appWith = (checks: DependencyCheck[]) =>
  createApp({
    routes: healthRoutes(checks),
    sessions: noSessions,
    log: pino({ level: 'silent' }),
    version: 'test',
  });

describe('gateway app', () => {
  it('reports healthy when the ledger and the database answer', async () => {
    const app = appWith([
      { name: 'database', check: up },
      { name: 'ledger', check: up },
    ]);
    const response = await request(app).get('/api/health').expect(200);
    expect(response.body).to.deep.equal({
      status: 'ok',
      checks: { database: { up: true }, ledger: { up: true } },
    });
    expect(response.headers['x-request-id']).to.match(/^[\w-]+$/);
    expect(response.headers['x-content-type-options']).to.equal('nosniff');
  });

  it('answers 503 with Retry-After and names what is down', async () => {
    const failing = () => Promise.reject(new Error('connection refused'));
    const app = appWith([
      { name: 'database', check: failing },
      { name: 'ledger', check: down },
    ]);
    const response = await request(app).get('/api/health').expect(503);
    expect(response.headers['retry-after']).to.equal('5');
    expect(response.body).to.deep.equal({
      status: 'unavailable',
      checks: { database: { up: false }, ledger: { up: false } },
    });
  });

  it('answers an unknown path with 404 in the error shape', async () => {
    const response = await request(appWith([])).get('/api/nope').expect(404);
    expect(response.body).to.deep.equal({
      error: { code: 'NOT_FOUND', message: 'no such endpoint' },
    });
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const response = await request(appWith([]))
      .post('/api/health')
      .set('content-type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect(response.body).to.deep.equal({
      error: { code: 'INVALID_ARGUMENT', message: 'the request body is not valid JSON' },
    });
  });

  it('answers a body over the limit with 413', async () => {
    const response = await request(appWith([]))
      .post('/api/health')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(9_000_000) }))
      .expect(413);
    expect((response.body as { error: { code: string } }).error.code).to.equal('PAYLOAD_TOO_LARGE');
  });

  it('serves an OpenAPI 3.1 document that covers its routes', async () => {
    const response = await request(appWith([])).get('/api/openapi.json').expect(200);
    const document = response.body as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).to.equal('3.1.0');
    expect(Object.keys(document.paths)).to.deep.equal(['/api/health']);
  });
});

describe('gateway app when the database is down', () => {
  it('answers 503 with Retry-After, not 500', async () => {
    const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27217'), {
      name: 'MongoServerSelectionError',
    });
    const app = createApp({
      routes: [
        route({
          method: 'get',
          path: '/me',
          summary: 'test',
          tag: 'test',
          access: 'authenticated',
          response: z.object({}),
          handler: () => Promise.resolve({}),
        }),
      ],
      sessions: { fromRequest: () => Promise.reject(unreachable) },
      log: pino({ level: 'silent' }),
      version: 'test',
    });
    const response = await request(app).get('/api/me').expect(503);
    expect(response.headers['retry-after']).to.equal('5');
    expect(response.body).to.deep.equal({
      error: { code: 'UNAVAILABLE', message: 'the record database is not reachable right now' },
    });
  });
});

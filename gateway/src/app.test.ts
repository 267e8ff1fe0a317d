import { expect } from 'chai';
import request from 'supertest';
import { createApp } from './app.js';

const up = () => Promise.resolve(true);
const down = () => Promise.resolve(false);

describe('gateway app', () => {
  it('reports healthy when the ledger and the database answer', async () => {
    const app = createApp({
      checks: [
        { name: 'database', check: up },
        { name: 'ledger', check: up },
      ],
    });
    const response = await request(app).get('/api/health').expect(200);
    expect(response.body).to.deep.equal({
      status: 'ok',
      checks: { database: { up: true }, ledger: { up: true } },
    });
  });

  it('answers 503 with Retry-After and names what is down', async () => {
    const failing = () => Promise.reject(new Error('connection refused'));
    const app = createApp({
      checks: [
        { name: 'database', check: failing },
        { name: 'ledger', check: down },
      ],
    });
    const response = await request(app).get('/api/health').expect(503);
    expect(response.headers['retry-after']).to.equal('5');
    expect(response.body).to.deep.equal({
      status: 'unavailable',
      checks: { database: { up: false }, ledger: { up: false } },
    });
  });

  it('answers an unknown path with 404 in the error shape', async () => {
    const response = await request(createApp({ checks: [] }))
      .get('/api/nope')
      .expect(404);
    expect(response.body).to.deep.equal({
      error: { code: 'NOT_FOUND', message: 'no such endpoint' },
    });
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const response = await request(createApp({ checks: [] }))
      .post('/api/health')
      .set('content-type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect((response.body as { error: { code: string } }).error.code).to.equal('INVALID_REQUEST');
    expect(JSON.stringify(response.body)).to.not.match(/at .*\.js/);
  });
});

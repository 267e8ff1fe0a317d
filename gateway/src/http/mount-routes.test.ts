import { expect } from 'chai';
import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';
import type { Session } from '../accounts/session.js';
import { createApp } from '../app.js';
import { route } from './route.js';

const doctorSession: Session = {
  id: 's1',
  userId: 'DOC1',
  role: 'doctor',
  hospital: 'hospitalb',
  csrfToken: 'csrf-token-of-the-session',
  expiresAt: new Date(Date.now() + 60_000),
};

const app = createApp({
  routes: [
    route({
      method: 'post',
      path: '/notes/:patientId',
      summary: 'test route',
      tag: 'test',
      access: ['doctor'],
      params: z.object({ patientId: z.string().regex(/^PAT\d+$/) }),
      body: z.strictObject({ text: z.string().max(10) }),
      status: 201,
      response: z.object({ patientId: z.string(), text: z.string(), by: z.string().optional() }),
      handler: ({ params, body, session }) =>
        Promise.resolve({ patientId: params.patientId, text: body.text, by: session?.userId }),
    }),
    route({
      method: 'get',
      path: '/admin-only',
      summary: 'test route',
      tag: 'test',
      access: ['admin'],
      response: z.object({ ok: z.boolean() }),
      handler: () => Promise.resolve({ ok: true }),
    }),
    route({
      method: 'get',
      path: '/off-contract',
      summary: 'test route answering what its schema does not describe',
      tag: 'test',
      access: 'public',
      response: z.object({ ok: z.boolean() }),
      handler: () => Promise.resolve({ ok: 'yes' }),
    }),
  ],
  sessions: {
    fromRequest: (req) =>
      Promise.resolve(req.get('x-test-session') === 'doctor' ? doctorSession : undefined),
  },
  log: pino({ level: 'silent' }),
  version: 'test',
  checkResponses: true,
});

const asDoctor = (req: request.Test) =>
  req.set('x-test-session', 'doctor').set('x-csrf-token', doctorSession.csrfToken);

describe('route wiring', () => {
  it('runs the handler for the right role with valid input', async () => {
    const response = await asDoctor(request(app).post('/api/notes/PAT7'))
      .send({ text: 'hello' })
      .expect(201);
    expect(response.body).to.deep.equal({ patientId: 'PAT7', text: 'hello', by: 'DOC1' });
  });

  it('answers 401 without a session', async () => {
    const response = await request(app).post('/api/notes/PAT7').send({ text: 'x' }).expect(401);
    expect((response.body as { error: { code: string } }).error.code).to.equal('UNAUTHENTICATED');
  });

  it('answers 403 with the reason ROLE for the wrong role', async () => {
    const response = await asDoctor(request(app).get('/api/admin-only')).expect(403);
    expect(response.body).to.deep.equal({
      error: {
        code: 'FORBIDDEN',
        message: 'a doctor may not do this; it needs admin',
        details: { reason: 'ROLE' },
      },
    });
  });

  it('answers 403 with the reason CSRF when a change comes without the token', async () => {
    const response = await request(app)
      .post('/api/notes/PAT7')
      .set('x-test-session', 'doctor')
      .send({ text: 'x' })
      .expect(403);
    expect((response.body as { error: { details: unknown } }).error.details).to.deep.equal({
      reason: 'CSRF',
    });
  });

  it('names each invalid field by its path, and words it for people by its label', async () => {
    const errorOf = (response: request.Response) =>
      (response.body as { error: { code: string; message: string; details: unknown } }).error;
    const badParam = await asDoctor(request(app).post('/api/notes/DOC1'))
      .send({ text: 'x' })
      .expect(400);
    // The route's regex has no words of its own; zod's are replaced by a sentence.
    expect(errorOf(badParam)).to.deep.equal({
      code: 'INVALID_ARGUMENT',
      message: 'Patient ID: enter a value in the expected format.',
      details: {
        fields: [{ field: 'params.patientId', message: 'Enter a value in the expected format.' }],
      },
    });
    const extra = await asDoctor(request(app).post('/api/notes/PAT7'))
      .send({ text: 'x', $where: 'sleep(1000)' })
      .expect(400);
    expect(errorOf(extra).details).to.deep.equal({
      fields: [{ field: 'body', message: 'Leave out $where: it is not a field here.' }],
    });
    expect(errorOf(extra).message).to.equal('Request: leave out $where: it is not a field here.');
    const long = await asDoctor(request(app).post('/api/notes/PAT7'))
      .send({ text: 'x'.repeat(11) })
      .expect(400);
    expect(errorOf(long).details).to.deep.equal({
      fields: [{ field: 'body.text', message: 'Use at most 10 characters.' }],
    });
    expect(errorOf(long).message).to.equal('Text: use at most 10 characters.');
    const missing = await asDoctor(request(app).post('/api/notes/PAT7')).send({}).expect(400);
    expect(errorOf(missing).message).to.equal('Text: fill this in.');
  });

  it('answers 500, never an off-contract body, when a handler strays from its response schema', async () => {
    const response = await request(app).get('/api/off-contract').expect(500);
    expect(response.body).to.deep.equal({
      error: { code: 'INTERNAL', message: 'something went wrong on our side' },
    });
  });
});

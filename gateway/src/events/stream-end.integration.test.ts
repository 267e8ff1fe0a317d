import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { sessionCookie } from '../accounts/session.js';
import { integrationApp } from '../test-support/integration-app.js';
import { openEventStream } from '../test-support/event-stream.js';
import { personFor, type Person } from '../test-support/people.js';
import { sessionCheckMs } from './stream-lifetime.js';

type App = Awaited<ReturnType<typeof integrationApp>>;

/** The stored ID of the person's session: the hash of the token in their cookie. */
function sessionIdOf(person: Person): string {
  const token = new RegExp(`${sessionCookie}=([^;]+)`).exec(person.cookie)?.[1] ?? '';
  return createHash('sha256').update(token).digest('hex');
}

/** Resolves with how long the stream took to end, or rejects after `withinMs`. */
async function endsWithin(stream: { ended: Promise<void> }, withinMs: number) {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still open after ${withinMs} ms`)), withinMs);
  });
  try {
    await Promise.race([stream.ended, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return Date.now() - started;
}

/** Issue 17, item 14: a live event stream never outlives the right to read it. */
describe('live event streams end with the session (integration)', function () {
  this.timeout(120_000);
  let gateway: App;

  before(async () => {
    gateway = await integrationApp();
  });
  after(() => gateway.close());

  const sessions = () => gateway.services.db.collection<{ _id: string }>('sessions');
  const patient = () => personFor(gateway.app, gateway.services, 'patient', 'hospitala');

  it('ends the stream at log-out, at once', async () => {
    const person = await patient();
    const stream = await openEventStream(gateway.app, person);
    try {
      expect(stream.status).to.equal(200);
      await person.send('delete', '/api/sessions/current').expect(204);
      expect(await endsWithin(stream, 2_000)).to.be.below(2_000);
    } finally {
      stream.close();
    }
  });

  it('ends the stream when another gateway replica ended the session', async () => {
    const person = await patient();
    const stream = await openEventStream(gateway.app, person);
    try {
      // As another replica's log-out does: the session is gone from the shared store.
      await sessions().deleteOne({ _id: sessionIdOf(person) });
      await endsWithin(stream, sessionCheckMs + 3_000);
    } finally {
      stream.close();
    }
  });

  it('ends the stream when the session expires', async () => {
    const person = await patient();
    const expiresAt = new Date(Date.now() + 1_500);
    await sessions().updateOne({ _id: sessionIdOf(person) }, { $set: { expiresAt } });
    const stream = await openEventStream(gateway.app, person);
    try {
      expect(stream.status).to.equal(200);
      await endsWithin(stream, 4_000);
      await person.agent.get('/api/me').expect(401);
    } finally {
      stream.close();
    }
  });

  it("ends a suspended doctor's stream and logs them out", async () => {
    const { app, services } = gateway;
    const doctor = await personFor(app, services, 'doctor', 'hospitala');
    const admin = await personFor(app, services, 'admin', 'hospitala');
    await admin.send('post', `/api/doctors/${doctor.id}/verify`).expect(200);
    const stream = await openEventStream(app, doctor);
    try {
      await admin.send('post', `/api/doctors/${doctor.id}/suspend`).expect(200);
      await endsWithin(stream, 15_000);
      await doctor.agent.get('/api/me').expect(401);
    } finally {
      stream.close();
    }
  });
});

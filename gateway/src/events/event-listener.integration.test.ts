import { expect } from 'chai';
import pino from 'pino';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor } from '../test-support/people.js';
import { LedgerEventListener } from './event-listener.js';
import type { LedgerEvent } from '@patrec/contract';

type App = Awaited<ReturnType<typeof integrationApp>>;

describe('ledger events across a gateway restart (integration)', function () {
  this.timeout(120_000);
  let gateway: App;
  before(async () => {
    gateway = await integrationApp();
  });
  after(() => gateway.close());

  it('delivers after a restart the events that happened while the gateway was down', async () => {
    const { app, services } = gateway;
    // A checkpoint of its own: one left by an earlier run would be read from, far behind.
    const name = `restart-test-${Date.now()}`;
    const listenerFor = () =>
      new LedgerEventListener(
        services.ledger,
        services.auditor,
        services.events,
        pino({ level: 'silent' }),
        name,
      );
    const waitFor = (listener: LedgerEventListener, match: (e: LedgerEvent) => boolean) =>
      new Promise<LedgerEvent>((resolve) => {
        const onEvent = (event: LedgerEvent) => {
          if (!match(event)) return;
          listener.off('event', onEvent);
          resolve(event);
        };
        listener.on('event', onEvent);
      });

    const first = listenerFor();
    // The event may pass before the patient's ID is known: keep all the listener publishes.
    const published: LedgerEvent[] = [];
    first.on('event', (event) => published.push(event));
    first.start();
    const patient = await personFor(app, services, 'patient', 'hospitala');
    const deadline = Date.now() + 60_000;
    let registration: LedgerEvent | undefined;
    while (
      !(registration = published.find(
        (e) => e.name === 'ParticipantRegistered' && e.ids.participantId === patient.id,
      ))
    ) {
      if (Date.now() > deadline) throw new Error('the first listener never saw the registration');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await first.settled();
    first.stop();
    expect(await services.events.get(registration.seq)).to.deep.equal(registration);

    // While no listener runs, the patient creates a record.
    const created = await patient
      .send('post', `/api/patients/${patient.id}/records`, {
        category: 'clinical-results',
        form: { testName: 'HbA1c', result: '5.4', unit: '%', takenOn: '2026-11-20' },
      })
      .expect(201);
    const recordId = (created.body as { recordId: string }).recordId;

    const second = listenerFor();
    const missed = waitFor(
      second,
      (e) => e.name === 'RecordCreated' && e.ids.recordId === recordId,
    );
    second.start();
    try {
      const event = await missed;
      expect(event.ids).to.include({ recordId, patientId: patient.id });
      await second.settled();
      expect(await services.events.get(event.seq)).to.deep.equal(event);
      // The second listener chained its events to the first one's: a browser that saw the
      // registration is replayed the record's creation.
      expect(await services.events.after(registration.seq, 100_000)).to.deep.include(event);
    } finally {
      second.stop();
    }
  });
});

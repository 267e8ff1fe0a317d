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
    const listenerFor = () =>
      new LedgerEventListener(
        services.ledger,
        services.auditor,
        services.events,
        pino({ level: 'silent' }),
        'restart-test',
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
    first.start();
    const patient = await personFor(app, services, 'patient', 'hospitala');
    // The event may pass before anyone could listen for it: look in what the listener stored.
    const registered = (e: LedgerEvent) =>
      e.name === 'ParticipantRegistered' && e.ids.participantId === patient.id;
    const deadline = Date.now() + 60_000;
    while (!(await services.events.after(-1, 100_000)).some(registered)) {
      if (Date.now() > deadline)
        throw new Error('the first listener never stored the registration');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    first.stop();

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
      expect(await services.events.after(event.seq - 1)).to.deep.include(event);
    } finally {
      second.stop();
    }
  });
});

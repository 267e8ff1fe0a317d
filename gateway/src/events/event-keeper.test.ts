import type { LedgerEvent } from '@patrec/contract';
import { expect } from 'chai';
import pino from 'pino';
import { EventKeeper, type EventSink } from './event-keeper.js';

const event = (seq: number): LedgerEvent => ({
  seq,
  name: 'RecordAccessed',
  ids: {},
  txId: `tx${seq}`,
  blockNumber: Math.floor(seq / 100_000),
});

/** A store that records each call; each write takes `slowMs` and the first `fail` fail. */
function sink(slowMs: number, fail = 0) {
  const calls: string[] = [];
  let failures = fail;
  const wait = () => new Promise((resolve) => setTimeout(resolve, slowMs));
  const store: EventSink = {
    addAll: async (events, previous) => {
      await wait();
      if (failures > 0) {
        failures -= 1;
        throw new Error('database is locked');
      }
      calls.push(`add ${events.map((e) => e.seq).join(',')} after ${previous}`);
    },
    saveCheckpoint: async (_listener, block, _tx, lastSeq) => {
      await wait();
      calls.push(`checkpoint ${block} last ${lastSeq}`);
    },
  };
  return { store, calls };
}

describe('keeping ledger events behind the live stream', () => {
  it('stores what arrives while the store is busy as one batch, chained in order', async () => {
    const { store, calls } = sink(20);
    const keeper = new EventKeeper(store, 'gw', 5, pino({ level: 'silent' }));
    keeper.keep(event(100_000));
    keeper.keep(event(100_001));
    keeper.resumeAt(2);
    keeper.keep(event(200_000));
    await keeper.settled();
    // The first event went alone (the store was idle); the rest waited and went together.
    expect(calls).to.deep.equal([
      'add 100000 after 5',
      'add 100001,200000 after 100000',
      'checkpoint 2 last 200000',
    ]);
  });

  it('moves the checkpoint only past what is stored, retrying a failed batch in order', async () => {
    const { store, calls } = sink(1, 1);
    const keeper = new EventKeeper(store, 'gw', undefined, pino({ level: 'silent' }), 5);
    keeper.keep(event(300_000));
    keeper.resumeAt(4);
    await keeper.settled();
    expect(calls).to.deep.equal(['add 300000 after undefined', 'checkpoint 4 last 300000']);
  });
});

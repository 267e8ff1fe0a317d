import { expect } from 'chai';
import { FakeLedger } from './fake-ledger';
import { drainIterator } from '../shared/pagination';
import { person } from './test-chain';

// The unit tests trust this fake to refuse what a peer refuses; these tests hold it to that.
const caller = person('auditor', 'AUD1');
const bytes = (text: string) => Buffer.from(text);
const text = (value: Uint8Array) => Buffer.from(value).toString();

describe('FakeLedger (the stand-in for a peer)', () => {
  it("hides a transaction's own writes from its reads, as Fabric does", async () => {
    const ledger = new FakeLedger();
    const stub = ledger.begin(caller);
    await stub.putState('k', bytes('v'));
    expect((await stub.getState('k')).length).to.equal(0);
    ledger.commit(stub);
    expect(text(await ledger.begin(caller).getState('k'))).to.equal('v');
  });

  it('commits nothing of a transaction that is not committed', async () => {
    const ledger = new FakeLedger();
    const stub = ledger.begin(caller);
    await stub.putState('k', bytes('v'));
    stub.setEvent('Thing', bytes('{}'));
    expect(ledger.keys()).to.deep.equal([]);
    expect(ledger.events).to.deep.equal([]);
  });

  it('keeps only the last event of a transaction, as Fabric does', () => {
    const ledger = new FakeLedger();
    const stub = ledger.begin(caller);
    stub.setEvent('First', bytes('{"n":1}'));
    stub.setEvent('Second', bytes('{"n":2}'));
    ledger.commit(stub);
    expect(ledger.events.map((event) => event.name)).to.deep.equal(['Second']);
  });

  it('refuses an empty value, which Fabric would take for a delete', async () => {
    const stub = new FakeLedger().begin(caller);
    expect(() => stub.putState('k', new Uint8Array(0))).to.throw(/empty value/);
    await Promise.resolve();
  });

  it('refuses a paginated query after a write, and a write after a paginated query', async () => {
    const ledger = new FakeLedger();
    const writer = ledger.begin(caller);
    await writer.putState('a', bytes('1'));
    expect(() => writer.getStateByRangeWithPagination('a', 'b', 10)).to.throw(/read-only/);
    const reader = ledger.begin(caller);
    await reader.getStateByRangeWithPagination('a', 'b', 10);
    expect(() => reader.putState('a', bytes('1'))).to.throw(/Writes are not allowed/);
  });

  it('refuses composite keys in simple range queries, as the shim does', () => {
    const stub = new FakeLedger().begin(caller);
    const composite = stub.createCompositeKey('record', ['PAT1']);
    expect(() => stub.getStateByRange(composite, '')).to.throw(/null character/);
  });

  it('orders keys by UTF-8 bytes and bounds partial composite keys exactly', async () => {
    const ledger = new FakeLedger();
    const setup = ledger.begin(caller);
    for (const id of ['PAT1', 'PAT10', 'PAT2']) {
      await setup.putState(setup.createCompositeKey('participant', [id]), bytes(id));
    }
    ledger.commit(setup);
    const stub = ledger.begin(caller);
    const one = await drainIterator(
      await stub.getStateByPartialCompositeKey('participant', ['PAT1']),
    );
    expect(one.map((kv) => text(kv.value))).to.deep.equal(['PAT1']);
    const all = await drainIterator(await stub.getStateByPartialCompositeKey('participant', []));
    expect(all.map((kv) => text(kv.value))).to.deep.equal(['PAT1', 'PAT10', 'PAT2']);
    expect(stub.splitCompositeKey(all[1]?.key ?? '')).to.deep.equal({
      objectType: 'participant',
      attributes: ['PAT10'],
    });
  });

  it('returns history newest first with deletes marked', async () => {
    const ledger = new FakeLedger();
    for (const action of ['v1', 'v2', 'delete']) {
      const stub = ledger.begin(caller);
      if (action === 'delete') await stub.deleteState('k');
      else await stub.putState('k', bytes(action));
      ledger.commit(stub);
    }
    const history = await drainIterator(await ledger.begin(caller).getHistoryForKey('k'));
    expect(history.map((entry) => (entry.isDelete ? 'deleted' : text(entry.value)))).to.deep.equal([
      'deleted',
      'v2',
      'v1',
    ]);
  });

  it('gives each transaction a later timestamp and a distinct 64-hex ID', () => {
    const ledger = new FakeLedger('2026-05-01T00:00:00.000Z');
    const first = ledger.begin(caller);
    const second = ledger.begin(caller);
    expect(first.getTxID()).to.match(/^[0-9a-f]{64}$/);
    expect(first.getTxID()).not.to.equal(second.getTxID());
    expect(second.millis - first.millis).to.equal(1);
    expect(String(first.getTxTimestamp().seconds)).to.equal(
      String(Date.parse('2026-05-01') / 1000),
    );
  });
});

import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { FakeLedger } from '../test-support/fake-ledger';
import { person } from '../test-support/test-chain';
import { ChaincodeError } from './errors';
import { drainIterator, pageOfRange, pageRequestArgs } from './pagination';

/** A committed ledger holding keys `a~1` … `a~5` and `b~1`. */
function ledgerWithKeys(): FakeLedger {
  const ledger = new FakeLedger();
  const setup = ledger.begin(person('auditor', 'AUD1'));
  for (const key of ['a~1', 'a~2', 'a~3', 'a~4', 'a~5', 'b~1']) {
    void setup.putState(key, Uint8Array.of(0));
  }
  ledger.commit(setup);
  return ledger;
}

function query(ledger: FakeLedger): Context {
  return ledger.begin(person('auditor', 'AUD1')).context;
}

const token = (key: string) => Buffer.from(key).toString('base64url');

describe('pagination', () => {
  it('walks a range page by page with opaque bookmarks', async () => {
    const ledger = ledgerWithKeys();
    const first = await pageOfRange(query(ledger), 'a~', 'a~\u{10ffff}', pageRequestArgs('2', ''));
    expect(first.items.map((kv) => kv.key)).to.deep.equal(['a~1', 'a~2']);
    expect(first.bookmark).to.equal(token('a~3'));
    const second = await pageOfRange(
      query(ledger),
      'a~',
      'a~\u{10ffff}',
      pageRequestArgs('2', first.bookmark),
    );
    expect(second.items.map((kv) => kv.key)).to.deep.equal(['a~3', 'a~4']);
    const last = await pageOfRange(
      query(ledger),
      'a~',
      'a~\u{10ffff}',
      pageRequestArgs('2', second.bookmark),
    );
    expect(last.items.map((kv) => kv.key)).to.deep.equal(['a~5']);
    expect(last.bookmark).to.equal('');
  });

  const forged = [
    ['before the range', token('0')],
    ['after the range', token('b~1')],
    ['at the range end', token('a~\u{10ffff}')],
    ['not canonical base64url', `${token('a~2')}x`],
    ['with non-ASCII characters', token('a~é')],
  ] as const;
  for (const [what, bookmark] of forged) {
    it(`refuses a bookmark ${what} with INVALID_ARGUMENT`, async () => {
      const ledger = ledgerWithKeys();
      try {
        await pageOfRange(query(ledger), 'a~', 'a~\u{10ffff}', pageRequestArgs('2', bookmark));
        expect.fail('the forged bookmark was accepted');
      } catch (error) {
        expect(error).to.be.instanceOf(ChaincodeError);
        expect((error as ChaincodeError).message).to.equal(
          'INVALID_ARGUMENT: bookmark does not belong to this query',
        );
      }
    });
  }

  it('defaults the page size to 20 and caps it at 100', () => {
    expect(pageRequestArgs('', '').pageSize).to.equal(20);
    expect(pageRequestArgs('100', '').pageSize).to.equal(100);
    expect(() => pageRequestArgs('101', '')).to.throw(ChaincodeError);
  });

  it('drains iterators that return the last value together with done', async () => {
    let calls = 0;
    let closed = false;
    const iterator = {
      next: () => {
        calls += 1;
        return Promise.resolve(
          calls === 1 ? { value: 'a', done: false } : { value: 'b', done: true },
        );
      },
      close: () => {
        closed = true;
        return Promise.resolve();
      },
    };
    expect(await drainIterator(iterator)).to.deep.equal(['a', 'b']);
    expect(closed).to.equal(true);
  });
});

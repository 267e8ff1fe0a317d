import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { onceInTransaction, stateOf } from './transaction-reads';

/** A transaction whose stub counts the peer's getState round trips. */
function transaction(state: Record<string, string>) {
  const asked: string[] = [];
  const stub = {
    getState: (key: string) => {
      asked.push(key);
      return Promise.resolve(Buffer.from(state[key] ?? ''));
    },
  };
  return { ctx: { stub } as unknown as Context, asked };
}

describe('reads within one transaction', () => {
  it('asks the peer for a key once, however often the transaction reads it', async () => {
    const { ctx, asked } = transaction({ participant: 'DOC1' });
    const answers = await Promise.all([1, 2, 3].map(() => stateOf(ctx, 'participant')));
    expect(answers.map((bytes) => Buffer.from(bytes).toString())).to.deep.equal([
      'DOC1',
      'DOC1',
      'DOC1',
    ]);
    expect(await stateOf(ctx, 'record')).to.have.length(0);
    expect(asked).to.deep.equal(['participant', 'record']);
  });

  it('asks again in the next transaction, which may see newer state', async () => {
    const first = transaction({ participant: 'DOC1' });
    const second = transaction({ participant: 'DOC1 suspended' });
    await stateOf(first.ctx, 'participant');
    const bytes = await stateOf(second.ctx, 'participant');
    expect(Buffer.from(bytes).toString()).to.equal('DOC1 suspended');
    expect(second.asked).to.deep.equal(['participant']);
  });

  it('keeps apart what is asked under different names', async () => {
    const { ctx } = transaction({});
    const a = await onceInTransaction(ctx, 'a', () => Promise.resolve(1));
    const b = await onceInTransaction(ctx, 'b', () => Promise.resolve(2));
    const again = await onceInTransaction(ctx, 'a', () => Promise.resolve(3));
    expect([a, b, again]).to.deep.equal([1, 2, 1]);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { moreWithin } from './ledger-ceiling.js';

describe('the ceiling’s limit', () => {
  it('allows exactly the number of transactions asked for', () => {
    const more = moreWithin({ transactions: 3 });
    expect([more(), more(), more(), more(), more()]).to.deep.equal([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('counts its seconds from when it is made, not from before the clients were enrolled', async () => {
    const more = moreWithin({ seconds: 0.2 });
    expect(more()).to.equal(true);
    await sleep(250);
    expect(more()).to.equal(false);
  });
});

import { expect } from 'chai';
import { ConcurrencyLimit } from './concurrency-limit.js';

describe('concurrency limit', () => {
  it('runs at most the limit at once, the rest in the order they came, failures included', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => () => {
      started.push(n);
      running += 1;
      most = Math.max(most, running);
      return new Promise<number>((resolve, reject) =>
        setTimeout(() => {
          running -= 1;
          if (n === 1) reject(new Error('CA timeout'));
          else resolve(n);
        }, 10),
      );
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => limit.run(task(n))));
    expect(most).to.equal(2);
    expect(started).to.deep.equal([1, 2, 3, 4, 5]);
    expect(results.map((r) => r.status)).to.deep.equal([
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
  });
});

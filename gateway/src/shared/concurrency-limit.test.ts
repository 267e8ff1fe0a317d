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

  it('refuses at once those beyond a full waiting line, and frees every place afterwards', async () => {
    const busy = () => new Error('busy');
    const limit = new ConcurrencyLimit(2, { most: 3, full: busy });
    const task = () => new Promise<string>((resolve) => setTimeout(() => resolve('done'), 10));
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => limit.run(task)));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(5);
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    expect(refusals.map((refusal) => refusal.message)).to.deep.equal(Array(5).fill('busy'));
    expect(await Promise.all(Array.from({ length: 5 }, () => limit.run(task)))).to.deep.equal(
      Array(5).fill('done'),
    );
  });
});

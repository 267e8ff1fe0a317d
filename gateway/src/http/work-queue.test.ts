import { expect } from 'chai';
import { ApiError } from './api-error.js';
import { WorkQueue } from './work-queue.js';

describe('the queue of costly work', () => {
  it('runs at most `running` tasks at once, lines up `waiting` more and refuses the rest with 429', async () => {
    const queue = new WorkQueue({ running: 2, waiting: 3 });
    let now = 0;
    let most = 0;
    const task = async () => {
      now += 1;
      most = Math.max(most, now);
      await new Promise((resolve) => setTimeout(resolve, 20));
      now -= 1;
      return 'done';
    };
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => queue.run(task)));
    expect(most).to.equal(2);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(5);
    const refusals = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [o.reason as unknown] : [],
    );
    expect(refusals).to.have.length(5);
    for (const refusal of refusals) {
      expect(refusal).to.be.instanceOf(ApiError);
      expect(refusal).to.include({ code: 'RATE_LIMITED', retryAfter: 1 });
    }
    // Every place is free again once the work is done, also after a task that failed.
    await queue.run(() => Promise.reject(new Error('argon2 failed'))).catch(() => undefined);
    const again = await Promise.all(Array.from({ length: 5 }, () => queue.run(task)));
    expect(again).to.deep.equal(Array(5).fill('done'));
  });
});

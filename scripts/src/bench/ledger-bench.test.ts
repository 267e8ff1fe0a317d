import { expect } from 'chai';
import type { Contract } from '@hyperledger/fabric-gateway';
import { percentile, submitConcurrently, submitWhile } from './ledger-bench.js';

describe('ledger benchmark', () => {
  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 0.5)).to.equal(50);
    expect(percentile(samples, 0.99)).to.equal(99);
    expect(percentile([7], 0.99)).to.equal(7);
    expect(percentile([], 0.5)).to.be.NaN;
  });

  it('starts exactly the requested number of submits across the clients and counts failures', async () => {
    const contracts = [{}, {}, {}] as Contract[];
    let calls = 0;
    const result = await submitConcurrently(
      contracts,
      10,
      () => {
        calls += 1;
        return calls % 5 === 0 ? Promise.reject(new Error('MVCC')) : Promise.resolve();
      },
      () => {},
    );
    expect(calls).to.equal(10);
    expect(result.failures).to.equal(2);
    expect(result.transactions).to.equal(8);
    expect(result.latenciesMs).to.have.length(8);
  });

  it('starts no submit once told to stop, and counts those already started', async () => {
    let stop = false;
    let started = 0;
    const result = await submitWhile(
      [1, 2],
      () => !stop,
      async () => {
        started += 1;
        if (started === 3) stop = true;
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
      () => {},
    );
    // The third, started while the second was in flight, is awaited; no fourth begins.
    expect(started).to.equal(3);
    expect(result.transactions).to.equal(3);
    expect(result.failures).to.equal(0);
  });
});

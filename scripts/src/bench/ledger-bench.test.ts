import { expect } from 'chai';
import type { Contract } from '@hyperledger/fabric-gateway';
import { percentile, submitConcurrently } from './ledger-bench.js';

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
});

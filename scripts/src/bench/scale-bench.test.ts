import { expect } from 'chai';
import { formatDuration, throughput } from './scale-bench.js';

describe('scale benchmark figures', () => {
  it('shows durations as a person reads them', () => {
    expect(formatDuration(4.4)).to.equal('4s');
    expect(formatDuration(110)).to.equal('1m50s');
    expect(formatDuration(3 * 3600 + 5 * 60 + 9)).to.equal('3h05m');
  });

  it('gives rate and percentiles of what succeeded, and counts what failed', () => {
    const result = throughput({
      transactions: 4,
      failures: 1,
      seconds: 2,
      latenciesMs: [100, 200, 300, 400],
    });
    expect(result).to.include({ count: 4, perSecond: 2, failed: 1, p50Ms: 200, p99Ms: 400 });
    expect(throughput({ transactions: 0, failures: 0, seconds: 0, latenciesMs: [] })).to.include({
      count: 0,
      perSecond: null,
      p50Ms: null,
    });
  });
});

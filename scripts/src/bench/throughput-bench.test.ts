import { expect } from 'chai';
import { figuresOf, formatThroughputTable } from './throughput-bench.js';

describe('throughput bench figures', () => {
  const ceiling = figuresOf('no-op ledger transactions (ceiling)', 64, {
    transactions: 2000,
    failures: 0,
    seconds: 20,
    latenciesMs: Array.from({ length: 2000 }, (_, i) => i % 100),
  });
  const reads = figuresOf('consent-checked record reads', 64, {
    transactions: 1300,
    failures: 3,
    seconds: 20,
    latenciesMs: Array.from({ length: 1300 }, (_, i) => 1000 + (i % 600)),
  });

  it('takes throughput from what completed, and latencies from the successful answers', () => {
    expect([reads.perSecond, reads.failed, reads.p50Ms, reads.p99Ms]).to.deep.equal([
      65, 3, 1274, 1593,
    ]);
  });

  it('gives every phase as a share of the ceiling of the same run', () => {
    const table = formatThroughputTable(ceiling, [reads]);
    expect(table).to.match(/no-op ledger transactions \(ceiling\)\s+64\s+100\.0\/s.*\s1\.00$/m);
    expect(table).to.match(
      /consent-checked record reads\s+64\s+65\.0\/s\s+1274 ms\s+1593 ms\s+3\s+0\.65$/m,
    );
  });
});

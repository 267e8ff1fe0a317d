import type { ReadOutcome, SignedRead } from '@patrec/contract';
import { expect } from 'chai';
import { ReadBatcher, type CarryReads } from './read-batcher.js';

const read = (n: number): SignedRead => ({
  requestId: n.toString(16).padStart(64, '0'),
  recordId: 'PAT1REC0',
  readerId: 'DOC1',
  requestedAt: '2026-12-02T12:00:00.000Z',
  signature: 'c2ln',
});
const refused = (r: SignedRead): ReadOutcome => ({
  requestId: r.requestId,
  refusal: `FORBIDDEN(NO_CONSENT): read ${r.requestId.slice(-2)}`,
});

describe('ReadBatcher', () => {
  it('carries the reads that arrive while the first waits in one batch, answering each its own', async () => {
    const batches: SignedRead[][] = [];
    const carry: CarryReads = (reads, served) => {
      batches.push(reads);
      served([...reads].reverse().map(refused));
      return Promise.resolve();
    };
    const batcher = new ReadBatcher(carry, () => {}, { gatherMs: 20 });
    const outcomes = await Promise.all([1, 2, 3].map((n) => batcher.read(read(n))));
    expect(batches.map((b) => b.length)).to.deep.equal([3]);
    expect(outcomes.map((o) => ('refusal' in o ? o.refusal : ''))).to.deep.equal([
      'FORBIDDEN(NO_CONSENT): read 01',
      'FORBIDDEN(NO_CONSENT): read 02',
      'FORBIDDEN(NO_CONSENT): read 03',
    ]);
  });

  it('sends a full batch at once and keeps at most maxInFlight batches waiting to be served', async () => {
    const pending: (() => void)[] = [];
    const sizes: number[] = [];
    const carry: CarryReads = (reads, served) => {
      sizes.push(reads.length);
      return new Promise<void>((resolve) => {
        pending.push(() => {
          served(reads.map(refused));
          resolve();
        });
      });
    };
    const batcher = new ReadBatcher(carry, () => {}, {
      gatherMs: 10_000,
      maxReads: 2,
      maxInFlight: 1,
    });
    const answers = [1, 2, 3, 4].map((n) => batcher.read(read(n)));
    expect(sizes).to.deep.equal([2]);
    pending.shift()!();
    await answers[1];
    expect(sizes).to.deep.equal([2, 2]);
    pending.shift()!();
    expect(await Promise.all(answers)).to.have.lengthOf(4);
  });

  it('fails every read of a batch that failed before being served, and reports failures after', async () => {
    const reported: unknown[] = [];
    const failing = new ReadBatcher(
      () => Promise.reject(new Error('no peer')),
      (e) => reported.push(e),
      {
        gatherMs: 1,
      },
    );
    const results = await Promise.allSettled([failing.read(read(1)), failing.read(read(2))]);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
    expect(reported).to.deep.equal([]);

    const late = new ReadBatcher(
      (reads, served) => {
        served(reads.map(refused));
        return Promise.reject(new Error('ordering failed'));
      },
      (e) => reported.push((e as Error).message),
      { gatherMs: 1 },
    );
    expect(await late.read(read(3))).to.have.property('refusal');
    await late.settled();
    expect(reported).to.deep.equal(['ordering failed']);
  });

  it('fails a read the ledger gave no outcome for', async () => {
    const batcher = new ReadBatcher(
      (_, served) => (served([]), Promise.resolve()),
      () => {},
      {
        gatherMs: 1,
      },
    );
    const error = await batcher.read(read(1)).catch((e: unknown) => e);
    expect((error as Error).message).to.match(/answered no outcome for read 0+1$/);
  });
});

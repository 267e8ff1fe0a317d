import { expect } from 'chai';
import { summarise } from './event-delivery.js';
import {
  formatDuration,
  formatScaleTable,
  rewoundCheckpoint,
  throughput,
  type CatchUpOutcome,
  type CatchUpResult,
  type PhaseResponses,
  type ScaleResult,
  type Snapshot,
  type Throughput,
} from './scale-bench.js';

const reads = (latenciesMs: number[], failures = 0, seconds = 2): Throughput =>
  throughput({ transactions: latenciesMs.length, failures, seconds, latenciesMs });

const noResponses: PhaseResponses = {
  total: 0,
  unsuccessful: 0,
  serverFailures: 0,
  byOperation: {},
  failures: [],
};

const noEvents = { ...summarise([]), expected: 0, notWithinDeadline: 0, byEvent: {} };

const snapshot = (readsConcurrent: Throughput): Snapshot => ({
  readsOneClient: reads([]),
  readsConcurrent,
  writes: reads([]),
  events: noEvents,
  cpuUnderLoad: {},
  cpuIdle: {},
  responses: noResponses,
});

function scaleResult(catchUp: CatchUpOutcome): ScaleResult {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T01:00:00.000Z',
    gatewayUrl: 'http://127.0.0.1:4000',
    batchTimeout: '2s',
    options: {
      patients: 10,
      records: 3,
      writers: 4,
      fillWriters: 8,
      readers: 8,
      catchUpBlocks: 200,
    },
    doctorId: 'DOC100',
    start: snapshot(reads([10])),
    fill: {
      patientsSignedUp: 10,
      recordsWritten: 30,
      shares: 10,
      doctorReads: 5,
      seconds: 12,
      writes: reads([]),
      reads: reads([]),
      events: noEvents,
      cpu: {},
      streamReconnects: 0,
      responses: noResponses,
    },
    end: snapshot(reads([20, 30, 40, 50])),
    catchUp,
  };
}

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

  it('moves the event checkpoint back by the blocks asked for, never before block 0', () => {
    expect(rewoundCheckpoint(5000, 2000)).to.equal(3000);
    expect(rewoundCheckpoint(150, 2000)).to.equal(0);
  });
});

describe('scale benchmark table', () => {
  const lineWith = (table: string, text: string) =>
    table.split('\n').find((line) => line.includes(text));
  const catchUpSection = (table: string) => table.slice(table.indexOf('Catch-up after a restart'));

  it('names the fill concurrency apart from the probe patients', () => {
    const table = formatScaleTable(scaleResult({ notRun: 'not asked' }));
    expect(lineWith(table, 'During the fill')).to.include('8 writers');
    expect(lineWith(table, 'writes/s, 4 patients')).to.not.equal(undefined);
  });

  const catchUp = (figures: Partial<CatchUpResult>): CatchUpResult => ({
    blocks: 200,
    fromBlock: 800,
    toBlock: 1000,
    downSeconds: 9,
    answeredAfterSeconds: 4,
    seconds: 95,
    caughtUp: 'while reading',
    reads: reads([100]),
    cpu: {},
    responses: noResponses,
    ...figures,
  });

  it('sets the reads during catch-up beside those after the fill', () => {
    const table = formatScaleTable(
      scaleResult(
        catchUp({
          reads: reads([100, 200, 300, 900], 1, 4),
          cpu: { gateway: 180, database: 40 },
          responses: {
            ...noResponses,
            total: 5,
            unsuccessful: 1,
            serverFailures: 1,
            failures: [
              { operation: 'read', status: 503, code: 'UNAVAILABLE', message: 'busy', count: 1 },
            ],
          },
        }),
      ),
    );
    const section = catchUpSection(table);
    expect(lineWith(section, 'Catch-up after a restart')).to.include(
      "200 blocks (800 → 1000) re-read in 1m35s from the gateway's launch",
    );
    expect(lineWith(section, 'the gateway answered')).to.include('4s after its launch, down 9s');
    expect(lineWith(section, 'read p50 / p99, 8 clients')).to.match(/200 \/ 900 ms\s+30 \/ 50 ms$/);
    expect(lineWith(section, 'reads timed / failed')).to.match(/4 \/ 1\s+4 \/ 0$/);
    expect(lineWith(section, 'CPU: database / gateway')).to.include('40.0 % / 180.0 %');
    expect(lineWith(section, '5xx or no answer / all answers')).to.match(/1 \/ 5$/);
    expect(lineWith(table, 'catch-up read: 503')).to.include('UNAVAILABLE ×1  busy');
  });

  it('says when the listener was back before any read, or not in time', () => {
    const early = formatScaleTable(
      scaleResult(catchUp({ caughtUp: 'before it answered', seconds: 4, reads: reads([]) })),
    );
    expect(lineWith(early, 'Catch-up after a restart')).to.include(
      're-read before the gateway answered, so no read during it',
    );
    expect(lineWith(catchUpSection(early), 'read p50 / p99, 8 clients')).to.match(
      /– \/ – ms\s+30 \/ 50 ms$/,
    );
    const late = formatScaleTable(
      scaleResult(catchUp({ caughtUp: 'not within the deadline', seconds: 900 })),
    );
    expect(lineWith(late, 'Catch-up after a restart')).to.include(
      "200 blocks (800 → 1000) not re-read yet 15m00s after the gateway's launch: stopped waiting",
    );
  });

  it('says why the catch-up was not measured', () => {
    const skipped = formatScaleTable(
      scaleResult({ notRun: 'the gateway was not started by `npm start`' }),
    );
    expect(lineWith(skipped, 'Catch-up after a restart')).to.equal(
      'Catch-up after a restart: not measured, the gateway was not started by `npm start`',
    );
    expect(lineWith(skipped, 'during catch-up')).to.equal(undefined);
  });
});

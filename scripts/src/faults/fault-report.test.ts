import { expect } from 'chai';
import {
  formatFaultTable,
  verdictOf,
  type FaultOutcome,
  type FaultRunResult,
} from './fault-report.js';
import type { IntegrityFigures } from './fault-tally.js';

const clean: IntegrityFigures = {
  acknowledged: 120,
  onLedger: 122,
  onLedgerNotAcknowledged: 2,
  acknowledgedNotListed: 0,
  duplicateTags: 1,
  lost: [],
  wrongContent: [],
  hashesWithoutContent: [],
  integrityFailures: [],
  repairedLater: [],
  notChecked: [],
  eventsMissed: [],
};

const fault = (overrides: Partial<FaultOutcome> = {}): FaultOutcome => ({
  kind: 'gateway',
  process: 'gateway',
  pid: 4242,
  killedAt: '2026-12-02T03:00:00.000Z',
  atSeconds: 55,
  restartedAfterSeconds: 1.5,
  answeredAfterSeconds: 3.1,
  writesBackAfterSeconds: 4.2,
  ...overrides,
});

function result(integrity: Partial<IntegrityFigures> = {}, faults = [fault()]): FaultRunResult {
  return {
    startedAt: '2026-12-02T03:00:00.000Z',
    finishedAt: '2026-12-02T03:05:00.000Z',
    gatewayUrl: 'http://127.0.0.1:4000',
    options: { minutes: 5, patients: 8, intervalSeconds: 40, faults: ['gateway'] },
    doctorId: 'DOC100',
    load: {
      seconds: 300,
      patients: 8,
      writeAttempts: 130,
      writesNotAcknowledged: 3,
      givenUpByStatus: { '0': 1, '503': 2 },
      slowestWriteSeconds: 12.34,
      givenUp: [],
      ownReads: 40,
      shares: 12,
      doctorReads: 12,
      revocations: 12,
      readsAfterRevocation: 0,
      streamReconnects: 8,
      responses: {
        total: 10,
        unsuccessful: 1,
        serverFailures: 1,
        byOperation: { write: { '0': 1, '201': 120 } },
        failures: [],
      },
    },
    faults,
    integrity: { ...clean, ...integrity },
    gatewayLog: {},
  };
}

const problem = { recordId: 'REC9', patientId: 'PAT9', detail: 'its content is missing' };

describe('fault run verdict', () => {
  it('passes when every must-be-zero figure is zero and each service answered within 10 s', () => {
    expect(verdictOf(result())).to.deep.equal({ passed: true, failures: [] });
  });

  it('fails on each must-be-zero figure, naming it and its count', () => {
    const verdict = verdictOf(
      result({
        lost: [problem],
        hashesWithoutContent: [problem, problem],
        eventsMissed: [problem],
      }),
    );
    expect(verdict.passed).to.equal(false);
    expect(verdict.failures).to.deep.equal([
      'acknowledged writes lost: 1',
      'ledger hashes without content: 2',
      'events missed by listeners: 1',
    ]);
  });

  it('fails when a service took longer than the limit, or never answered', () => {
    const verdict = verdictOf(
      result({}, [
        fault({ answeredAfterSeconds: 10.4 }),
        fault({ process: 'orderer1', kind: 'raft-leader', answeredAfterSeconds: null }),
        fault({ answeredAfterSeconds: 9.9 }),
      ]),
    );
    expect(verdict.failures).to.deep.equal([
      'gateway (gateway) killed at 55 s: answered again after 10.4 s (limit 10 s)',
      'orderer1 (raft-leader) killed at 55 s: did not answer again',
    ]);
  });

  it('fails when a kill could not be made, with the reason', () => {
    const verdict = verdictOf(result({}, [fault({ error: 'gateway was not running' })]));
    expect(verdict.failures).to.deep.equal([
      'gateway (gateway) killed at 55 s: gateway was not running',
    ]);
  });

  it('fails a run in which no write was acknowledged', () => {
    expect(verdictOf(result({ acknowledged: 0 })).failures).to.deep.equal([
      'no write was acknowledged at all',
    ]);
  });
});

describe('fault run table', () => {
  it('shows each kill with its recovery and the figures, and says it passed', () => {
    const table = formatFaultTable(result());
    expect(table).to.match(/55 s\s+gateway\s+gateway\s+1\.5 s\s+3\.1 s\s+4\.2 s/);
    expect(table).to.match(/acknowledged writes \(201\)\s+120/);
    expect(table).to.match(/writes given up, never acknowledged\s+3 \(last answer none×1, 503×2\)/);
    expect(table).to.match(/slowest write request\s+12\.3 s/);
    expect(table).to.match(/ledger hashes without content\s+0\n/);
    expect(table).to.include(
      'answers by status                             write no answer×1 201×120',
    );
    expect(table).to.match(/PASSED/);
  });

  it('marks a figure that is not zero, lists its records and their gateway log lines', () => {
    const failing = {
      ...result({ hashesWithoutContent: [problem] }),
      gatewayLog: { REC9: ['a line'] },
    };
    const table = formatFaultTable(failing);
    expect(table).to.match(/ledger hashes without content\s+1 {3}✗ must be 0/);
    expect(table).to.include('    REC9 (patient PAT9): its content is missing');
    expect(table).to.include('  REC9 in gateway.log:\n    a line');
    expect(table).to.include('FAILED:\n  ✗ ledger hashes without content: 1');
  });

  it('warns of writes blocked longer than the limit although the process answered', () => {
    const table = formatFaultTable(result({}, [fault({ writesBackAfterSeconds: 46.2 })]));
    expect(table).to.include('46.2 s  ⚠ writes blocked over 10 s');
    expect(table).to.include('PASSED');
  });

  it('marks a kill that took longer than the limit', () => {
    expect(formatFaultTable(result({}, [fault({ answeredAfterSeconds: 12 })]))).to.include(
      '✗ over 10 s',
    );
  });
});

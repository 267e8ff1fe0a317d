import { expect } from 'chai';
import {
  ListingShapeError,
  listingPage,
  tallyIntegrity,
  writesBackAfter,
  type AcknowledgedWrite,
  type ReadOutcome,
  type TallyInput,
} from './fault-tally.js';

const ack = (recordId: string, tag: string, patientId = 'PAT1', at = 0): AcknowledgedWrite => ({
  tag,
  patientId,
  recordId,
  startedAt: at,
  acknowledgedAt: at + 200,
});
const content = (tag: string): ReadOutcome => ({ kind: 'content', tag });

function input(overrides: Partial<TallyInput> = {}): TallyInput {
  return {
    acknowledged: [ack('REC1', 't1'), ack('REC2', 't2')],
    listed: new Map([['PAT1', ['REC1', 'REC2']]]),
    readsAtEnd: new Map([
      ['REC1', content('t1')],
      ['REC2', content('t2')],
    ]),
    eventsReceived: new Map([['PAT1', new Set(['REC1', 'REC2'])]]),
    wrongDuringRun: [],
    missingAtFirstCheck: new Map(),
    ...overrides,
  };
}

describe('integrity tally', () => {
  it('finds nothing wrong when every write is listed, reads back its own tag and had its event', () => {
    const figures = tallyIntegrity(input());
    expect(figures).to.include({ acknowledged: 2, onLedger: 2, onLedgerNotAcknowledged: 0 });
    for (const zero of [
      figures.lost,
      figures.wrongContent,
      figures.hashesWithoutContent,
      figures.integrityFailures,
      figures.notChecked,
      figures.eventsMissed,
    ])
      expect(zero).to.deep.equal([]);
  });

  it('counts an acknowledged write that reads 404 as lost', () => {
    const figures = tallyIntegrity(
      input({
        readsAtEnd: new Map([
          ['REC1', content('t1')],
          ['REC2', { kind: 'not-found' }],
        ]),
      }),
    );
    expect(figures.lost).to.deep.equal([
      { recordId: 'REC2', patientId: 'PAT1', detail: 'read answered 404' },
    ]);
    expect(figures.notChecked).to.deep.equal([]);
  });

  it('counts an acknowledged write without its content as lost and as a hash without content', () => {
    const missing: ReadOutcome = { kind: 'integrity', problem: 'missing' };
    const figures = tallyIntegrity(
      input({
        readsAtEnd: new Map([
          ['REC1', content('t1')],
          ['REC2', missing],
        ]),
      }),
    );
    expect(figures.lost.map((p) => p.detail)).to.deep.equal(['its content is missing']);
    expect(figures.hashesWithoutContent).to.deep.equal([
      { recordId: 'REC2', patientId: 'PAT1', detail: 'missing (acknowledged)' },
    ]);
  });

  it('finds a hash without content on the ledger that no client was told about', () => {
    const figures = tallyIntegrity(
      input({
        listed: new Map([['PAT1', ['REC1', 'REC2', 'REC3']]]),
        readsAtEnd: new Map([
          ['REC1', content('t1')],
          ['REC2', content('t2')],
          ['REC3', { kind: 'integrity', problem: 'missing' }],
        ]),
      }),
    );
    expect(figures.onLedgerNotAcknowledged).to.equal(1);
    expect(figures.lost).to.deep.equal([]);
    expect(figures.hashesWithoutContent).to.deep.equal([
      { recordId: 'REC3', patientId: 'PAT1', detail: 'missing (not acknowledged)' },
    ]);
  });

  it('keeps other integrity refusals apart from missing content', () => {
    const figures = tallyIntegrity(
      input({
        readsAtEnd: new Map([
          ['REC1', content('t1')],
          ['REC2', { kind: 'integrity', problem: 'hash-mismatch' }],
        ]),
      }),
    );
    expect(figures.hashesWithoutContent).to.deep.equal([]);
    expect(figures.integrityFailures.map((p) => p.detail)).to.deep.equal([
      'hash-mismatch (acknowledged)',
    ]);
    expect(figures.lost).to.deep.equal([]);
  });

  it('counts another write’s content as wrong, with both tags', () => {
    const figures = tallyIntegrity(
      input({
        readsAtEnd: new Map([
          ['REC1', content('t1')],
          ['REC2', content('t1')],
        ]),
      }),
    );
    expect(figures.wrongContent).to.deep.equal([
      {
        recordId: 'REC2',
        expectedTag: 't2',
        servedTag: 't1',
        when: 'at the end',
        reader: 'patient',
      },
    ]);
    expect(figures.duplicateTags).to.equal(1);
  });

  it('keeps the wrong content seen during the run', () => {
    const during = {
      recordId: 'REC1',
      expectedTag: 't1',
      servedTag: null,
      when: 'during the run' as const,
      reader: 'doctor',
    };
    expect(tallyIntegrity(input({ wrongDuringRun: [during] })).wrongContent).to.deep.equal([
      during,
    ]);
  });

  it('does not call a record lost when it could not be read at all, but not checked', () => {
    const figures = tallyIntegrity(
      input({
        readsAtEnd: new Map([
          ['REC1', content('t1')],
          ['REC2', { kind: 'unavailable', detail: '503 UNAVAILABLE ledger' }],
        ]),
      }),
    );
    expect(figures.lost).to.deep.equal([]);
    expect(figures.notChecked).to.deep.equal([
      { recordId: 'REC2', patientId: 'PAT1', detail: '503 UNAVAILABLE ledger (acknowledged)' },
    ]);
  });

  it('reads an acknowledged write the listing missed one by one: found is not lost', () => {
    const figures = tallyIntegrity(input({ listed: new Map([['PAT1', ['REC1']]]) }));
    expect(figures.acknowledgedNotListed).to.equal(1);
    expect(figures.lost).to.deep.equal([]);
    const gone = tallyIntegrity(
      input({
        listed: new Map([['PAT1', ['REC1']]]),
        readsAtEnd: new Map([
          ['REC1', content('t1')],
          ['REC2', { kind: 'not-found' }],
        ]),
      }),
    );
    expect(gone.lost.map((p) => p.recordId)).to.deep.equal(['REC2']);
  });

  it('counts an acknowledged write whose RecordCreated its listener never got', () => {
    const figures = tallyIntegrity(
      input({ eventsReceived: new Map([['PAT1', new Set(['REC1'])]]) }),
    );
    expect(figures.eventsMissed).to.deep.equal([
      { recordId: 'REC2', patientId: 'PAT1', detail: 'RecordCreated not received' },
    ]);
  });
});

describe('content found later', () => {
  it('names a record whose content came only after the first check, apart from the final figures', () => {
    const figures = tallyIntegrity(
      input({
        listed: new Map([['PAT1', ['REC1', 'REC2', 'REC3']]]),
        readsAtEnd: new Map([
          ['REC1', content('t1')],
          ['REC2', content('t2')],
          ['REC3', content('t1')],
        ]),
        missingAtFirstCheck: new Map([['REC3', 121.6]]),
      }),
    );
    expect(figures.repairedLater).to.deep.equal([
      {
        recordId: 'REC3',
        patientId: 'PAT1',
        detail: 'content missing at the first check, readable 122 s later (not acknowledged)',
      },
    ]);
    expect(figures.hashesWithoutContent).to.deep.equal([]);
  });

  it('leaves one still missing to the final figures', () => {
    const figures = tallyIntegrity(
      input({
        readsAtEnd: new Map([
          ['REC1', content('t1')],
          ['REC2', { kind: 'integrity', problem: 'missing' }],
        ]),
        missingAtFirstCheck: new Map([['REC2', null]]),
      }),
    );
    expect(figures.repairedLater).to.deep.equal([]);
    expect(figures.hashesWithoutContent.map((p) => p.recordId)).to.deep.equal(['REC2']);
  });
});

describe('writes back after a kill', () => {
  it('is the first acknowledgement of a write sent after the kill', () => {
    const writes = [ack('R1', 'a', 'P', 900), ack('R2', 'b', 'P', 1500), ack('R3', 'c', 'P', 1200)];
    // R1 was sent before the kill at 1000 ms; R3 (sent at 1200, acknowledged at 1400) is first.
    expect(writesBackAfter(writes, 1000)).to.be.closeTo(0.4, 1e-9);
  });

  it('is null when no write sent after the kill was acknowledged', () => {
    expect(writesBackAfter([ack('R1', 'a', 'P', 900)], 1000)).to.equal(null);
  });
});

describe('listing pages', () => {
  const records = [{ recordId: 'REC1' }, { recordId: 'REC2' }];

  it('reads a paginated answer and its bookmark', () => {
    expect(listingPage({ items: records, bookmark: 'abc' })).to.deep.equal({
      recordIds: ['REC1', 'REC2'],
      bookmark: 'abc',
    });
  });

  it('ends at an empty bookmark', () => {
    expect(listingPage({ items: records, bookmark: '' }).bookmark).to.equal(undefined);
  });

  it('reads the unpaginated `{ records }` answer as the only page', () => {
    expect(listingPage({ records })).to.deep.equal({
      recordIds: ['REC1', 'REC2'],
      bookmark: undefined,
    });
  });

  it('refuses any other shape', () => {
    expect(() => listingPage({ recordIds: [] })).to.throw(ListingShapeError, 'neither');
    expect(() => listingPage({ items: [{ id: 'x' }], bookmark: '' })).to.throw(
      ListingShapeError,
      'no recordId',
    );
  });
});

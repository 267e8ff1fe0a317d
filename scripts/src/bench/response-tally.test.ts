import { expect } from 'chai';
import { ResponseTally } from './response-tally.js';

describe('response tally', () => {
  it('counts every answer by operation and status', () => {
    const tally = new ResponseTally();
    tally.count('write', 201);
    tally.count('write', 201);
    tally.count('read', 200);
    tally.count('read', 403, { code: 'FORBIDDEN', message: 'no consent' });
    expect(tally.byOperation()).to.deep.equal({
      write: { '201': 2 },
      read: { '200': 1, '403': 1 },
    });
    expect(tally.total).to.equal(4);
    expect(tally.unsuccessful).to.equal(1);
    expect(tally.serverFailures).to.equal(0);
    expect(tally.failures()).to.deep.equal([]);
  });

  it('keeps each kind of 5xx and missing answer with its words, and says when one is new', () => {
    const tally = new ResponseTally();
    const busy = { code: 'INTERNAL', message: 'SQLITE_BUSY: database is locked' };
    expect(tally.count('write', 500, busy)).to.equal(true);
    expect(tally.count('write', 500, busy)).to.equal(false);
    expect(tally.count('read', 0, { message: 'fetch failed: ECONNREFUSED' })).to.equal(true);
    expect(tally.serverFailures).to.equal(3);
    expect(tally.failures()).to.deep.equal([
      { operation: 'write', status: 500, code: 'INTERNAL', message: busy.message, count: 2 },
      {
        operation: 'read',
        status: 0,
        code: null,
        message: 'fetch failed: ECONNREFUSED',
        count: 1,
      },
    ]);
  });
});

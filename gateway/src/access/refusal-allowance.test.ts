import { expect } from 'chai';
import { ApiError } from '../http/api-error.js';
import { RefusalAllowance } from './refusal-allowance.js';

const HOUR_MS = 3_600_000;

function refusalOf(check: () => void): ApiError | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

describe('RefusalAllowance', () => {
  it('pauses a person’s reads once the ledger recorded as many refusals as it will this hour, until the hour ends', () => {
    let now = 10 * HOUR_MS + 45 * 60_000;
    const allowance = new RefusalAllowance(3, () => now);
    for (let i = 0; i < 3; i += 1) {
      expect(refusalOf(() => allowance.check('DOC1'))).to.equal(undefined);
      allowance.refused('DOC1');
    }
    const paused = refusalOf(() => allowance.check('DOC1'));
    expect(paused?.status).to.equal(429);
    expect(paused?.retryAfter).to.equal(15 * 60);
    expect(paused?.message).to.equal(
      'DOC1 was refused 3 reads this hour, all recorded for the patients and auditors; reads are paused until the hour ends (in 15 min)',
    );
    expect(
      refusalOf(() => allowance.check('DOC2')),
      'another person',
    ).to.equal(undefined);

    now = 11 * HOUR_MS;
    expect(
      refusalOf(() => allowance.check('DOC1')),
      'the next hour',
    ).to.equal(undefined);
  });
});

import { expect } from 'chai';
import { formatLedgerError, parseLedgerError } from './refusals.js';

describe('ledger refusals', () => {
  it('carry code, reason and detail in the message, and read back whole', () => {
    const refusal = {
      code: 'FORBIDDEN',
      reason: 'REVOKED',
      detail: "DOC7's read grant covering PAT1REC0 was revoked by the patient",
    } as const;
    const message = formatLedgerError(refusal);
    expect(message).to.equal(
      "FORBIDDEN(REVOKED): DOC7's read grant covering PAT1REC0 was revoked by the patient",
    );
    expect(parseLedgerError(message)).to.deep.equal(refusal);
  });

  it('are found inside the message the peer wraps them in, up to the end of the line', () => {
    const wrapped =
      'failed to endorse transaction: chaincode response 500, NOT_FOUND: record PAT1REC9 does not exist\nstack';
    expect(parseLedgerError(wrapped)).to.deep.equal({
      code: 'NOT_FOUND',
      reason: null,
      detail: 'record PAT1REC9 does not exist',
    });
  });

  it('give EXPIRED its own reason, and only FORBIDDEN and EXPIRED a reason at all', () => {
    expect(parseLedgerError('EXPIRED: the grant ended')?.reason).to.equal('EXPIRED');
    expect(parseLedgerError('CONFLICT: already registered')?.reason).to.equal(null);
    expect(formatLedgerError({ code: 'CONFLICT', reason: null, detail: 'x' })).to.equal(
      'CONFLICT: x',
    );
  });

  it('leave messages without a code (shim or peer failures) unparsed', () => {
    expect(parseLedgerError('Expected 1 parameters, but 2 have been supplied')).to.equal(undefined);
    expect(parseLedgerError('NOT_A_CODE: x')).to.equal(undefined);
    expect(parseLedgerError('FORBIDDEN(MADE_UP): x')).to.equal(undefined);
  });
});

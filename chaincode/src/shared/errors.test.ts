import { expect } from 'chai';
import { ChaincodeError, forbidden, parseChaincodeError } from './errors';

describe('chaincode errors', () => {
  it('lead their message with the code', () => {
    const error = forbidden('DOC7 holds no active read grant covering PAT1REC0');
    expect(error).to.be.instanceOf(ChaincodeError);
    expect(error.message).to.equal('FORBIDDEN: DOC7 holds no active read grant covering PAT1REC0');
    expect(error.code).to.equal('FORBIDDEN');
  });

  it('are read back from the message alone', () => {
    expect(parseChaincodeError('EXPIRED: grant ended')).to.deep.equal({
      code: 'EXPIRED',
      detail: 'grant ended',
    });
  });

  it('are read back from a message the peer wrapped', () => {
    const wrapped =
      'failed to endorse transaction, see attached details for more info: chaincode response 500, NOT_FOUND: record PAT1REC9 does not exist';
    expect(parseChaincodeError(wrapped)).to.deep.equal({
      code: 'NOT_FOUND',
      detail: 'record PAT1REC9 does not exist',
    });
  });

  it('leave messages without a code (shim or peer failures) unparsed', () => {
    expect(parseChaincodeError('Expected 1 parameters, but 2 have been supplied')).to.equal(
      undefined,
    );
    expect(parseChaincodeError('NOT_A_CODE: x')).to.equal(undefined);
  });
});

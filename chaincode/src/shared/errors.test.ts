import { expect } from 'chai';
import { parseLedgerError } from '@patrec/contract/core';
import { ChaincodeError, conflict, expired, forbidden } from './errors';

describe('chaincode errors', () => {
  it('carry code, reason and detail, and say them in the message', () => {
    const error = forbidden('REVOKED', "DOC7's read grant covering PAT1REC0 was revoked");
    expect(error).to.be.instanceOf(ChaincodeError);
    expect(error).to.include({
      code: 'FORBIDDEN',
      reason: 'REVOKED',
      detail: "DOC7's read grant covering PAT1REC0 was revoked",
    });
    expect(error.message).to.equal(
      "FORBIDDEN(REVOKED): DOC7's read grant covering PAT1REC0 was revoked",
    );
  });

  it('give no reason for codes that need none, and EXPIRED for EXPIRED', () => {
    expect(conflict('PAT1 is already registered')).to.include({
      reason: null,
      message: 'CONFLICT: PAT1 is already registered',
    });
    expect(expired('grant ended')).to.include({
      reason: 'EXPIRED',
      message: 'EXPIRED: grant ended',
    });
  });

  it('are read back by the contract from the message alone, even wrapped by the peer', () => {
    for (const error of [forbidden('NO_CONSENT', 'DOC7 holds no grant'), expired('grant ended')]) {
      const wrapped = `failed to endorse transaction: chaincode response 500, ${error.message}`;
      expect(parseLedgerError(wrapped)).to.deep.equal({
        code: error.code,
        reason: error.reason,
        detail: error.detail,
      });
    }
  });
});

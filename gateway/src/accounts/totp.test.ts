import { expect } from 'chai';
import { currentTotp, newTotpSecret, totpUri, verifyTotp } from './totp.js';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);

  it('accepts the current code and one step of drift, not two', () => {
    expect(verifyTotp(secret, currentTotp(secret, 'DOC1', now), 'DOC1', now)).to.equal(true);
    expect(verifyTotp(secret, currentTotp(secret, 'DOC1', now - 30_000), 'DOC1', now)).to.equal(
      true,
    );
    expect(verifyTotp(secret, currentTotp(secret, 'DOC1', now - 90_000), 'DOC1', now)).to.equal(
      false,
    );
  });

  it('refuses malformed codes and another secret', () => {
    expect(verifyTotp(secret, '12345', 'DOC1', now)).to.equal(false);
    expect(verifyTotp(secret, 'abcdef', 'DOC1', now)).to.equal(false);
    const other = newTotpSecret();
    expect(verifyTotp(secret, currentTotp(other, 'DOC1', now), 'DOC1', now)).to.equal(false);
  });

  it('gives an otpauth URI naming PatRec and the account', () => {
    expect(totpUri(secret, 'DOC1')).to.match(/^otpauth:\/\/totp\/PatRec:DOC1\?.*secret=/);
  });
});

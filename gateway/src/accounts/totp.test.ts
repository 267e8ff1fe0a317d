import { expect } from 'chai';
import { currentTotp, newTotpSecret, totpUri, totpStepOf } from './totp.js';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);

  it('accepts the current code and one step of drift, not two, naming the step of each', () => {
    const step = now / 30_000;
    const codeAt = (time: number) => currentTotp(secret, 'DOC1', time);
    expect(totpStepOf(secret, codeAt(now), 'DOC1', now)).to.equal(step);
    expect(totpStepOf(secret, codeAt(now - 30_000), 'DOC1', now)).to.equal(step - 1);
    expect(totpStepOf(secret, codeAt(now + 30_000), 'DOC1', now)).to.equal(step + 1);
    expect(totpStepOf(secret, codeAt(now - 90_000), 'DOC1', now)).to.equal(null);
  });

  it('refuses malformed codes and another secret', () => {
    expect(totpStepOf(secret, '12345', 'DOC1', now)).to.equal(null);
    expect(totpStepOf(secret, 'abcdef', 'DOC1', now)).to.equal(null);
    const other = newTotpSecret();
    expect(totpStepOf(secret, currentTotp(other, 'DOC1', now), 'DOC1', now)).to.equal(null);
  });

  it('gives an otpauth URI naming PatRec and the account', () => {
    expect(totpUri(secret, 'DOC1')).to.match(/^otpauth:\/\/totp\/PatRec:DOC1\?.*secret=/);
  });
});

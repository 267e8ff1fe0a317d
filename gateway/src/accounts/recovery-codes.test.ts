import { expect } from 'chai';
import {
  newRecoveryCodes,
  newRecoveryCodeSet,
  normalisedRecoveryCode,
  RecoveryCodeHasher,
} from './recovery-codes.js';

const masterKey = Buffer.alloc(32, 7);

describe('recovery codes', () => {
  it('makes eight distinct codes of three groups of four, without I, L, O or U', () => {
    const codes = newRecoveryCodes();
    expect(codes).to.have.length(8);
    expect(new Set(codes).size).to.equal(8);
    for (const code of codes)
      expect(code).to.match(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/);
  });

  it('reads a code as people type it: any case, spaces or dashes, O for 0 and I or L for 1', () => {
    expect(normalisedRecoveryCode('k7qm 3xzp 9wcd')).to.equal('K7QM3XZP9WCD');
    expect(normalisedRecoveryCode('K7QM-3XZP-9WCO')).to.equal('K7QM3XZP9WC0');
    expect(normalisedRecoveryCode('il11-0000-aaaa')).to.equal('11110000AAAA');
    expect(normalisedRecoveryCode('K7QM-3XZP')).to.equal(undefined);
    expect(normalisedRecoveryCode('K7QM-3XZP-9WCU')).to.equal(undefined);
  });

  it('matches a typed code against the stored hashes of its account only', () => {
    const hasher = new RecoveryCodeHasher(masterKey);
    const { codes, stored } = newRecoveryCodeSet(hasher, 'PAT100');
    const code = codes[3]!;
    expect(hasher.match('PAT100', code.toLowerCase().replace(/-/g, ' '), stored.hashes)).to.equal(
      stored.hashes[3],
    );
    expect(hasher.match('PAT101', code, stored.hashes)).to.equal(undefined);
    expect(hasher.match('PAT100', 'not a code', stored.hashes)).to.equal(undefined);
    expect(hasher.match('PAT100', code, [])).to.equal(undefined);
  });

  it('keeps nothing a code can be read back from, and depends on the master key', () => {
    const { codes, stored } = newRecoveryCodeSet(new RecoveryCodeHasher(masterKey), 'PAT100');
    const serialised = JSON.stringify(stored);
    for (const code of codes) {
      expect(serialised).to.not.contain(code);
      expect(serialised).to.not.contain(code.replace(/-/g, ''));
    }
    const otherKey = new RecoveryCodeHasher(Buffer.alloc(32, 8));
    expect(otherKey.match('PAT100', codes[0]!, stored.hashes)).to.equal(undefined);
  });
});

import { expect } from 'chai';
import { DecryptionError, newDataKey, open, seal, unwrapKey, wrapKey } from './envelope.js';

describe('envelope encryption', () => {
  const key = newDataKey();
  const text = Buffer.from('Blood pressure 120/80; allergic to penicillin');

  it('opens what it sealed, under the same key and context', () => {
    const sealed = seal(key, text, 'PAT1REC0:v1');
    expect(sealed.ciphertext.equals(text)).to.equal(false);
    expect(open(key, sealed, 'PAT1REC0:v1').equals(text)).to.equal(true);
  });

  it('uses a fresh nonce each time, so equal plaintexts give different ciphertexts', () => {
    const a = seal(key, text, 'c');
    const b = seal(key, text, 'c');
    expect(a.iv.equals(b.iv)).to.equal(false);
    expect(a.ciphertext.equals(b.ciphertext)).to.equal(false);
  });

  it('refuses a ciphertext with one bit flipped', () => {
    const sealed = seal(key, text, 'c');
    sealed.ciphertext[0] = sealed.ciphertext[0]! ^ 1;
    expect(() => open(key, sealed, 'c')).to.throw(DecryptionError);
  });

  it('refuses a truncated tag, which GCM would otherwise check only as far as it goes', () => {
    const sealed = seal(key, text, 'c');
    // The first 4 bytes of the right tag: a forger needs only 2^32 tries for such a tag.
    for (const length of [4, 8, 12, 15]) {
      const truncated = { ...sealed, tag: sealed.tag.subarray(0, length) };
      expect(() => open(key, truncated, 'c'), `${length} bytes`).to.throw(DecryptionError);
    }
  });

  it('refuses a ciphertext moved to another record (other context)', () => {
    const sealed = seal(key, text, 'PAT1REC0:v1');
    expect(() => open(key, sealed, 'PAT2REC0:v1')).to.throw(DecryptionError, /PAT2REC0/);
  });

  it('refuses another key', () => {
    expect(() => open(newDataKey(), seal(key, text, 'c'), 'c')).to.throw(DecryptionError);
  });

  it('wraps a data key under the master key, bound to its owner', () => {
    const master = newDataKey();
    const wrapped = wrapKey(master, key, 'PAT1');
    expect(unwrapKey(master, wrapped, 'PAT1').equals(key)).to.equal(true);
    expect(() => unwrapKey(master, wrapped, 'PAT2')).to.throw(DecryptionError);
  });
});

import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { DecryptionError } from '../crypto/envelope.js';
import { openTitle, sealTitle } from './content-seal.js';

describe('sealed titles', () => {
  const key = randomBytes(32);

  it('open to the title sealed, under the patient key and upload ID they were sealed with', () => {
    const sealed = sealTitle(key, 'PAT1', 'up1', 'Discharge letter, March');
    expect(sealed.ciphertext.toString()).to.not.include('Discharge');
    expect(openTitle(key, 'PAT1', 'up1', sealed)).to.equal('Discharge letter, March');
  });

  it('do not open for another patient, another upload or another key', () => {
    const sealed = sealTitle(key, 'PAT1', 'up1', 'HbA1c: 5.4 %');
    for (const open of [
      () => openTitle(key, 'PAT2', 'up1', sealed),
      () => openTitle(key, 'PAT1', 'up2', sealed),
      () => openTitle(randomBytes(32), 'PAT1', 'up1', sealed),
    ]) {
      expect(open).to.throw(DecryptionError);
    }
  });
});

import { expect } from 'chai';
import { recordContent } from '@patrec/contract';
import { clinicalRecord, FORM_CATEGORIES } from './clinical-content.js';

describe('clinical content for the scale benchmark', () => {
  it('covers every clinical form', () => {
    expect(FORM_CATEGORIES).to.have.members([
      'general-medicine',
      'clinical-results',
      'cardiac',
      'dermatology',
      'dentistry',
    ]);
  });

  it('fills in forms the gateway accepts, for every category and many n', () => {
    for (const category of FORM_CATEGORIES) {
      for (let n = 0; n < 200; n += 7) {
        const content = clinicalRecord(category, n);
        const parsed = recordContent.safeParse(content);
        expect(parsed.success, `${category} #${n}: ${parsed.error?.message}`).to.equal(true);
        expect(content.category).to.equal(category);
      }
    }
  });

  it('varies the content with n', () => {
    const a = JSON.stringify(clinicalRecord('cardiac', 1));
    const b = JSON.stringify(clinicalRecord('cardiac', 2));
    expect(a).to.not.equal(b);
  });
});

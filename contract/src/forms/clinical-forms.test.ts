import { expect } from 'chai';
import { bmi, CLINICAL_FORMS, formSchemas } from './clinical-forms.js';
import { recordContent, withDerivedValues } from './record-content.js';

describe('clinical forms', () => {
  it('computes BMI from pounds and feet', () => {
    expect(bmi(154, 5.75)).to.equal(22.7);
    expect(bmi(220, 6)).to.equal(29.8);
  });

  it('adds the BMI to general-medicine content and ignores one sent by the client', () => {
    const parsed = recordContent.parse({
      category: 'general-medicine',
      form: {
        gender: 'female',
        age: 41,
        weightLbs: 154,
        heightFeet: 5.75,
        bloodGroup: 'O+',
        bloodPressure: '120/80',
        diabetes: 'no',
        foodAllergies: 'peanuts',
      },
    });
    expect(withDerivedValues(parsed)).to.deep.include({ derived: { bmi: 22.7 } });
    const forged = recordContent.safeParse({ category: 'cardiac', form: {}, derived: { bmi: 1 } });
    expect(forged.success).to.equal(false);
  });

  it('refuses a form that does not belong to its category, naming the field', () => {
    const result = recordContent.safeParse({
      category: 'cardiac',
      form: { heartRate: 500, bloodPressure: '12/8', ecgFindings: '', chestPain: 'no' },
    });
    expect(result.success).to.equal(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).to.include.members(['form.heartRate', 'form.bloodPressure']);
  });

  it('accepts documents only of the allowed content types', () => {
    const document = {
      fileName: 'scan.exe',
      contentType: 'application/x-msdownload',
      dataBase64: 'AA==',
    };
    expect(recordContent.safeParse({ category: 'document', document }).success).to.equal(false);
  });

  it('shows every field of each form exactly once, and only fields its schema knows', () => {
    for (const definition of Object.values(CLINICAL_FORMS)) {
      const shown = definition.rows.flatMap((row) => ('derived' in row ? [] : [...row]));
      expect(shown.sort(), definition.category).to.deep.equal(
        Object.keys(definition.fields).sort(),
      );
      expect(Object.keys(formSchemas[definition.category].shape).sort()).to.deep.equal(
        Object.keys(definition.fields).sort(),
      );
    }
  });

  it('words a wrong value as the rule the form shows', () => {
    const result = formSchemas['general-medicine'].safeParse({ age: 200 });
    const age = result.error!.issues.find((i) => i.path[0] === 'age');
    expect(age?.message).to.equal(CLINICAL_FORMS['general-medicine'].fields.age!.rule);
  });
});

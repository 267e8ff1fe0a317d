import { expect } from 'chai';
import { CLINICAL_FORMS, formSchemas } from './clinical-forms.js';
import { recordContent, withDerivedValues } from './record-content.js';

/** A general-medicine form as a clinician fills it in. */
const general = {
  gender: 'female',
  age: 41,
  weightLbs: 154,
  heightFeet: 5.75,
  bloodGroup: 'O+',
  bloodPressure: '120/80',
  diabetes: 'no',
  foodAllergies: 'peanuts',
};

describe('clinical forms', () => {
  it('adds the BMI to general-medicine content and ignores one sent by the client', () => {
    const parsed = recordContent.parse({
      category: 'general-medicine',
      form: general,
    });
    expect(withDerivedValues(parsed)).to.deep.include({ derived: { bmi: 22.7 } });
    const forged = recordContent.safeParse({ category: 'cardiac', form: {}, derived: { bmi: 1 } });
    expect(forged.success).to.equal(false);
  });

  it('takes weight and height in kilograms and centimetres, and works the BMI out from them', () => {
    const parsed = recordContent.parse({
      category: 'general-medicine',
      form: {
        ...general,
        weightLbs: undefined,
        heightFeet: undefined,
        weightKg: 70,
        heightCm: 175,
      },
    });
    expect(withDerivedValues(parsed)).to.deep.include({ derived: { bmi: 22.9 } });
  });

  it('asks for both measurements of one system of units, and refuses a mix', () => {
    const problems = (form: Record<string, unknown>) =>
      formSchemas['general-medicine']
        .safeParse({ ...general, weightLbs: undefined, heightFeet: undefined, ...form })
        .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(problems({})).to.deep.equal(['weightLbs: required', 'heightFeet: required']);
    expect(problems({ weightKg: 70 })).to.deep.equal(['heightCm: required']);
    const [mixed, missing, ...others] = problems({ weightKg: 70, heightFeet: 5.75 }) ?? [];
    expect(mixed).to.match(/^heightFeet: Give weight and height in the same units/);
    expect([missing, ...others]).to.deep.equal(['heightCm: required']);
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

  it('gives one field name the same label in every form, so an error names it one way', () => {
    const labels = new Map<string, Set<string>>();
    for (const definition of Object.values(CLINICAL_FORMS)) {
      for (const field of Object.values(definition.fields)) {
        labels.set(field.name, (labels.get(field.name) ?? new Set()).add(field.label));
      }
    }
    for (const [name, shown] of labels) expect([...shown], name).to.have.length(1);
  });

  it('takes a blank for the fields clinicians often leave blank, and an unknown blood group', () => {
    const general = formSchemas['general-medicine'].safeParse({
      gender: 'male',
      age: 30,
      weightLbs: 170,
      heightFeet: 5.9,
      bloodGroup: 'unknown',
      bloodPressure: '130/85',
      diabetes: 'no',
    });
    expect(general.success, JSON.stringify(general.error?.issues)).to.equal(true);
    const cardiac = formSchemas.cardiac.safeParse({
      heartRate: 64,
      bloodPressure: '118/76',
      chestPain: 'no',
    });
    expect(cardiac.success).to.equal(true);
    expect(
      formSchemas.dermatology.safeParse({
        condition: 'acne',
        affectedArea: 'face',
        severity: 'mild',
      }).success,
    ).to.equal(true);
    expect(formSchemas.dentistry.safeParse({ teeth: [16], procedure: 'filling' }).success).to.equal(
      true,
    );
  });

  it('refuses implausible values: heights, weights, pressures, teeth and dates', () => {
    const shape = formSchemas['general-medicine'].shape;
    expect(shape.heightFeet.safeParse(99).success).to.equal(false);
    expect(shape.heightFeet.safeParse(0.1).success).to.equal(false);
    expect(shape.weightLbs.safeParse(5000).success).to.equal(false);
    expect(shape.weightLbs.safeParse(0.2).success).to.equal(false);
    expect(shape.bloodPressure.safeParse('120/80').success).to.equal(true);
    for (const pressure of ['999/10', '80/120', '120/5', '40/30']) {
      expect(shape.bloodPressure.safeParse(pressure).success, pressure).to.equal(false);
    }
    const teeth = formSchemas.dentistry.shape.teeth;
    expect(teeth.safeParse([11, 28, 48]).success).to.equal(true);
    expect(teeth.safeParse([19]).success).to.equal(false);
    expect(teeth.safeParse([30]).success).to.equal(false);
    const takenOn = formSchemas['clinical-results'].shape.takenOn;
    expect(takenOn.safeParse('2026-02-30').success).to.equal(false);
    expect(takenOn.safeParse('1899-12-31').success).to.equal(false);
    expect(takenOn.safeParse('2999-01-01').success).to.equal(false);
    expect(takenOn.safeParse('1900-01-01').success).to.equal(true);
    expect(takenOn.safeParse(new Date().toISOString().slice(0, 10)).success).to.equal(true);
  });
});

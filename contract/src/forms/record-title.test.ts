import { expect } from 'chai';
import { recordContent, type RecordContent } from './record-content.js';
import { MAX_TITLE_LENGTH, titleOf } from './record-title.js';

const parse = (content: unknown): RecordContent => recordContent.parse(content);

const general = {
  gender: 'female',
  age: 41,
  bloodGroup: 'O+',
  bloodPressure: '120/80',
  diabetes: 'no',
};

const document = (fileName: string, title?: string) =>
  parse({
    category: 'document',
    ...(title === undefined ? {} : { title }),
    document: { fileName, contentType: 'text/plain', dataBase64: 'aGk=' },
  });

describe('record titles', () => {
  it('keeps the title entered with a record, trimmed', () => {
    expect(titleOf(document('scan.pdf', '  Discharge letter, March  '))).to.equal(
      'Discharge letter, March',
    );
  });

  it('names a document by its file name', () => {
    expect(titleOf(document('mri-knee-2024.pdf'))).to.equal('mri-knee-2024.pdf');
  });

  it('names each form by what it found', () => {
    const titles = [
      parse({
        category: 'clinical-results',
        form: { testName: 'HbA1c', result: '5.4', unit: '%', takenOn: '2024-03-01' },
      }),
      parse({
        category: 'dermatology',
        form: { condition: 'Eczema', affectedArea: 'left forearm', severity: 'mild' },
      }),
      parse({ category: 'dentistry', form: { teeth: [16, 26], procedure: 'Filling' } }),
      parse({ category: 'dentistry', form: { teeth: [11], procedure: 'Crown' } }),
      parse({
        category: 'cardiac',
        form: {
          heartRate: 72,
          bloodPressure: '120/80',
          chestPain: 'no',
          ecgFindings: 'sinus\nrhythm',
        },
      }),
      parse({
        category: 'cardiac',
        form: { heartRate: 58, bloodPressure: '110/70', chestPain: 'no' },
      }),
      parse({ category: 'general-medicine', form: { ...general, weightKg: 70, heightCm: 175 } }),
      parse({
        category: 'general-medicine',
        form: { ...general, weightLbs: 154, heightFeet: 5.75 },
      }),
    ].map(titleOf);
    expect(titles).to.deep.equal([
      'HbA1c: 5.4 %',
      'Eczema, left forearm',
      'Filling, teeth 16, 26',
      'Crown, tooth 11',
      'Cardiac: ECG sinus rhythm',
      'Cardiac: heart rate 58 bpm',
      'Check-up, BMI 22.9',
      'Check-up, BMI 22.7',
    ]);
  });

  it('shortens a long derived title at a word, with an ellipsis', () => {
    const findings = `${'very '.repeat(40)}long findings`;
    const title = titleOf(
      parse({
        category: 'cardiac',
        form: { heartRate: 72, bloodPressure: '120/80', chestPain: 'no', ecgFindings: findings },
      }),
    );
    expect(title.length).to.be.at.most(MAX_TITLE_LENGTH);
    expect(title).to.match(/^Cardiac: ECG very (very )*very…$/);
  });

  it('refuses a blank, overlong or multi-line title, saying why', () => {
    const problems = ['   ', 'x'.repeat(MAX_TITLE_LENGTH + 1), 'two\nlines'].map((title) => {
      const parsed = recordContent.safeParse({
        category: 'document',
        title,
        document: { fileName: 'a.txt', contentType: 'text/plain', dataBase64: 'aGk=' },
      });
      expect(parsed.success, JSON.stringify(title)).to.equal(false);
      return parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    });
    expect(problems).to.deep.equal([
      [['title', 'A title may not be blank: leave it out to have one made from the record.']],
      [['title', `Use at most ${MAX_TITLE_LENGTH} characters, on one line.`]],
      [['title', `Use at most ${MAX_TITLE_LENGTH} characters, on one line.`]],
    ]);
  });

  it('accepts a title of exactly the longest length', () => {
    const title = 'x'.repeat(MAX_TITLE_LENGTH);
    expect(titleOf(document('a.txt', title))).to.equal(title);
  });
});

import { expect } from 'chai';
import { z } from 'zod';
import * as f from '../fields.js';
import { recordContent } from '../forms/record-content.js';
import { doctorSignUp, patientSignUp } from './accounts.js';
import { MIN_PASSWORD_LENGTH } from '../vocabulary.js';
import { accessLogQuery } from './consents.js';
import {
  fieldLabel,
  fieldProblems,
  plainWords,
  problemsSummary,
  sentenceOf,
} from './field-problems.js';

/** What the gateway answers for one part of a request. */
function problemsOf(schema: z.ZodType, value: unknown, part = 'body') {
  const result = schema.safeParse(value, { error: plainWords });
  if (result.success) throw new Error('expected a refusal');
  const fields = fieldProblems(part, result.error.issues);
  return { fields, message: problemsSummary(fields) };
}

const patient = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  dateOfBirth: '1987-03-14',
  address: '1 Main St',
  city: 'London',
  state: 'London',
  country: 'UK',
  email: 'ada@example.com',
  password: 'a long enough password',
};

describe('field problems in words', () => {
  it('names a field by a readable name made from its path', () => {
    expect(fieldLabel(['patientId'])).to.equal('Patient ID');
    expect(fieldLabel(['dateOfBirth'])).to.equal('Date of birth');
    expect(fieldLabel(['mspId'])).to.equal('MSP ID');
    expect(fieldLabel(['schedule', 1])).to.equal('Consulting hours 2');
    expect(fieldLabel(['schedule', 0, 'to'])).to.equal('End time (consulting hours 1)');
    expect(fieldLabel([])).to.equal('Request');
  });

  it("names a clinical form's field by the form's label", () => {
    expect(fieldLabel(['form', 'heightFeet'])).to.equal('Height');
    expect(fieldLabel(['content', 'form', 'ecgFindings'])).to.equal('ECG findings');
  });

  it('turns a rule into a sentence that says what to do', () => {
    expect(sentenceOf('a patient ID such as PAT177')).to.equal(
      'Enter a patient ID such as PAT177.',
    );
    expect(sentenceOf('required')).to.equal('Fill this in.');
    expect(sentenceOf('choose one')).to.equal('Choose one of the options.');
    expect(sentenceOf('required, at most 200 characters')).to.equal('Use at most 200 characters.');
    expect(sentenceOf('Fill this in.')).to.equal('Fill this in.');
  });

  it('words a wrong query parameter with its label and an example', () => {
    const { fields, message } = problemsOf(accessLogQuery, { patientId: 'PAT' }, 'query');
    expect(fields).to.deep.equal([
      { field: 'query.patientId', message: 'Enter a patient ID such as PAT177.' },
    ]);
    expect(message).to.equal('Patient ID: enter a patient ID such as PAT177.');
  });

  it('words a wrong path parameter the same way', () => {
    const { message } = problemsOf(
      z.object({ consentId: f.consentId }),
      { consentId: 'x' },
      'params',
    );
    expect(message).to.equal('Consent ID: enter a consent ID (CON and 64 hex digits).');
  });

  it('refuses a birth date before 1900 or after today, saying which dates it takes', () => {
    for (const dateOfBirth of ['1800-01-01', '1899-12-31', '2999-01-01', '2001-02-29']) {
      const { fields, message } = problemsOf(patientSignUp, { ...patient, dateOfBirth });
      expect(fields, dateOfBirth).to.deep.equal([
        { field: 'body.dateOfBirth', message: 'Enter a date from 1900-01-01 up to today.' },
      ]);
      expect(message).to.equal('Date of birth: enter a date from 1900-01-01 up to today.');
    }
    expect(patientSignUp.safeParse({ ...patient, dateOfBirth: '1900-01-01' }).success).to.equal(
      true,
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(patientSignUp.safeParse({ ...patient, dateOfBirth: today }).success).to.equal(true);
  });

  it("words zod's own checks, and lists the other fields to check", () => {
    const { fields, message } = problemsOf(patientSignUp, {
      ...patient,
      firstName: '',
      email: 'not an address',
      password: 'short',
      city: undefined,
    });
    expect(fields).to.deep.include.members([
      { field: 'body.firstName', message: 'Fill this in.' },
      { field: 'body.city', message: 'Fill this in.' },
      { field: 'body.email', message: 'Enter an e-mail address such as name@example.com.' },
      { field: 'body.password', message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` },
    ]);
    expect(message).to.equal('First name: fill this in. Also check: City, E-mail, Password.');
  });

  it('points a schedule whose end comes first at its end time', () => {
    const { fields, message } = problemsOf(
      doctorSignUp.shape.schedule,
      [{ day: 'monday', from: '17:00', to: '09:00' }],
      'body.schedule',
    );
    expect(fields).to.deep.equal([
      { field: 'body.schedule.0.to', message: 'Enter a time after the start time.' },
    ]);
    expect(message).to.equal('End time (consulting hours 1): enter a time after the start time.');
  });

  it("names a clinical form's fields by their labels, with the form's rule", () => {
    const { fields, message } = problemsOf(recordContent, {
      category: 'general-medicine',
      form: {
        gender: 'female',
        age: 41,
        weightLbs: 5000,
        heightFeet: 5.75,
        bloodGroup: 'O+',
        bloodPressure: '120/80',
        diabetes: 'no',
      },
    });
    expect(fields).to.deep.equal([
      { field: 'body.form.weightLbs', message: 'Enter a number from 1 to 1500.' },
    ]);
    expect(message).to.equal('Weight: enter a number from 1 to 1500.');
  });

  it('says which fields are not taken', () => {
    const { fields, message } = problemsOf(z.strictObject({ text: z.string() }), {
      text: 'x',
      $where: '1',
    });
    expect(fields).to.deep.equal([
      { field: 'body', message: 'Leave out $where: it is not a field here.' },
    ]);
    expect(message).to.equal('Request: leave out $where: it is not a field here.');
  });

  it('names what a discriminated union takes, and the format a string is in', () => {
    expect(problemsOf(recordContent, { category: 'x-ray', form: {} }).fields).to.deep.equal([
      {
        field: 'body.category',
        message:
          'Choose one of: general-medicine, clinical-results, cardiac, dermatology, dentistry, document.',
      },
    ]);
    const email = problemsOf(patientSignUp, { ...patient, email: { $gt: '' } });
    expect(email.message).to.equal('E-mail: enter an e-mail address such as name@example.com.');
  });

  it('says a value failing two checks with one rule once', () => {
    const { fields } = problemsOf(recordContent, {
      category: 'cardiac',
      form: { heartRate: 60, bloodPressure: '1/2', chestPain: 'no' },
    });
    expect(fields.map((p) => p.field)).to.deep.equal(['body.form.bloodPressure']);
  });
});

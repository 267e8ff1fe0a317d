import { z } from 'zod';
import { BLOOD_GROUPS, type FormCategory, type UnitSystem } from '../vocabulary.js';
import {
  bloodPressure,
  choice,
  date,
  decimal,
  integer,
  optional,
  teeth,
  text,
  type Field,
  type FieldDefinition,
} from './fields.js';

/**
 * The five clinical forms, defined once: fields with their labels, units and limits, the
 * order and rows the web shows them in, and values derived from them (BMI). The gateway
 * validates with the schemas; the web builds its forms and read views from the definitions.
 */

/** A row of fields shown side by side, or a derived value shown where it belongs. */
export type FormRow = readonly string[] | { derived: 'bmi' };

export interface FormDefinition {
  category: FormCategory;
  title: string;
  fields: Record<string, FieldDefinition>;
  rows: readonly FormRow[];
}

type Fields = Record<string, Field<z.ZodType>>;

function form<const F extends Fields>(
  category: FormCategory,
  title: string,
  fields: F,
  rows: readonly (readonly (keyof F & string)[] | { derived: 'bmi' })[],
) {
  const shape = Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [name, field.schema]),
  ) as { [K in keyof F]: F[K]['schema'] };
  const definitions = Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [name, field.definition]),
  );
  return {
    definition: { category, title, fields: definitions, rows } satisfies FormDefinition,
    schema: z.strictObject(shape),
  };
}

const notes = optional(
  text('notes', { label: 'Notes' }, { maxLength: 4000, required: false, multiline: true }),
);
const yesNo = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
] as const;
const pressure = bloodPressure('bloodPressure', {
  label: 'Blood pressure',
  unit: 'mmHg',
  ucum: 'mm[Hg]',
  placeholder: '120/80',
});

/**
 * Weight and height, in pounds and feet or in kilograms and centimetres: a record holds one
 * pair, in the units it was entered in. The limits run from a premature newborn to the
 * heaviest and tallest people on record, the same in both systems.
 */
const MEASUREMENTS = {
  weightLbs: optional(
    decimal(
      'weightLbs',
      { label: 'Weight', unit: 'lbs', ucum: '[lb_av]', system: 'imperial' },
      { min: 1, max: 1500 },
    ),
  ),
  heightFeet: optional(
    decimal(
      'heightFeet',
      {
        label: 'Height',
        unit: 'ft',
        unitInLabel: 'feet',
        ucum: '[ft_i]',
        hint: '5 ft 9 in is 5.75',
        system: 'imperial',
      },
      { min: 1, max: 9 },
    ),
  ),
  weightKg: optional(
    decimal(
      'weightKg',
      { label: 'Weight', unit: 'kg', ucum: 'kg', system: 'metric' },
      { min: 0.5, max: 680 },
    ),
  ),
  heightCm: optional(
    decimal(
      'heightCm',
      { label: 'Height', unit: 'cm', ucum: 'cm', system: 'metric' },
      { min: 30, max: 275 },
    ),
  ),
};

/** The names of the weight and height fields of each system of units. */
export const MEASURED_IN = {
  imperial: { weight: 'weightLbs', height: 'heightFeet' },
  metric: { weight: 'weightKg', height: 'heightCm' },
} as const satisfies Record<UnitSystem, { weight: string; height: string }>;

/** The system of units a general-medicine form is in: metric once a metric value is given. */
export const unitSystemOf = (form: { weightKg?: unknown; heightCm?: unknown }): UnitSystem =>
  form.weightKg !== undefined || form.heightCm !== undefined ? 'metric' : 'imperial';

/** Both measurements of the form's system are given, and none of the other system. */
function oneSystemOfUnits(
  form: Partial<Record<keyof typeof MEASUREMENTS, number>>,
  context: z.RefinementCtx,
) {
  const system = unitSystemOf(form);
  for (const [each, names] of Object.entries(MEASURED_IN)) {
    for (const name of Object.values(names)) {
      if (each === system && form[name] === undefined) {
        context.addIssue({ code: 'custom', path: [name], message: 'required' });
      }
      if (each !== system && form[name] !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message:
            'Give weight and height in the same units: pounds and feet, or kilograms and centimetres.',
        });
      }
    }
  }
}

const generalMedicine = form(
  'general-medicine',
  'General medicine',
  {
    gender: choice('gender', { label: 'Gender', as: 'radio' }, [
      { value: 'female', label: 'Female' },
      { value: 'male', label: 'Male' },
      { value: 'other', label: 'Other' },
    ]),
    age: integer('age', { label: 'Age', unit: 'years', ucum: 'a' }, 0, 130),
    ...MEASUREMENTS,
    bloodGroup: choice(
      'bloodGroup',
      { label: 'Blood group', as: 'select', placeholder: 'Choose…' },
      [
        ...BLOOD_GROUPS.map((group) => ({ value: group, label: group })),
        // Often not known at a visit; a choice rather than a blank, so it is said, not forgotten.
        { value: 'unknown', label: 'Unknown' },
      ],
    ),
    bloodPressure: pressure,
    diabetes: choice('diabetes', { label: 'Diabetes', as: 'radio' }, yesNo),
    foodAllergies: optional(
      text(
        'foodAllergies',
        { label: 'Food allergies', hint: 'Leave empty if none.' },
        { maxLength: 500, required: false },
      ),
    ),
    notes,
  },
  [
    ['gender'],
    ['age', 'weightLbs', 'heightFeet', 'weightKg', 'heightCm'],
    { derived: 'bmi' },
    ['bloodGroup', 'bloodPressure'],
    ['diabetes'],
    ['foodAllergies'],
    ['notes'],
  ],
);

const clinicalResults = form(
  'clinical-results',
  'Clinical results',
  {
    testName: text(
      'testName',
      { label: 'Test', placeholder: 'HbA1c' },
      { maxLength: 200, required: true },
    ),
    result: text('result', { label: 'Result' }, { maxLength: 2000, required: true }),
    unit: optional(
      text('unit', { label: 'Unit', placeholder: 'mmol/L' }, { maxLength: 50, required: false }),
    ),
    referenceRange: optional(
      text(
        'referenceRange',
        { label: 'Reference range', placeholder: '4.0–5.6' },
        { maxLength: 100, required: false },
      ),
    ),
    takenOn: date('takenOn', { label: 'Taken on' }, { upToToday: true }),
    notes,
  },
  [['testName', 'takenOn'], ['result', 'unit', 'referenceRange'], ['notes']],
);

const cardiac = form(
  'cardiac',
  'Cardiac',
  {
    heartRate: integer('heartRate', { label: 'Heart rate', unit: 'bpm', ucum: '/min' }, 20, 300),
    bloodPressure: pressure,
    ecgFindings: optional(
      text(
        'ecgFindings',
        { label: 'ECG findings' },
        { maxLength: 2000, required: false, multiline: true },
      ),
    ),
    cholesterolMgDl: optional(
      decimal(
        'cholesterolMgDl',
        { label: 'Cholesterol', unit: 'mg/dL', ucum: 'mg/dL' },
        { min: 10, max: 1000 },
      ),
    ),
    chestPain: choice('chestPain', { label: 'Chest pain', as: 'radio' }, yesNo),
    notes,
  },
  [['heartRate', 'bloodPressure', 'cholesterolMgDl'], ['chestPain'], ['ecgFindings'], ['notes']],
);

const dermatology = form(
  'dermatology',
  'Dermatology',
  {
    condition: text('condition', { label: 'Condition' }, { maxLength: 200, required: true }),
    affectedArea: text(
      'affectedArea',
      { label: 'Affected area' },
      { maxLength: 200, required: true },
    ),
    severity: choice('severity', { label: 'Severity', as: 'radio' }, [
      { value: 'mild', label: 'Mild' },
      { value: 'moderate', label: 'Moderate' },
      { value: 'severe', label: 'Severe' },
    ]),
    treatment: optional(
      text(
        'treatment',
        { label: 'Treatment' },
        { maxLength: 1000, required: false, multiline: true },
      ),
    ),
    notes,
  },
  [['condition', 'affectedArea'], ['severity'], ['treatment'], ['notes']],
);

const dentistry = form(
  'dentistry',
  'Dentistry',
  {
    teeth: teeth('teeth', {
      label: 'Teeth',
      hint: 'FDI numbers (11–18, 21–28, 31–38, 41–48), separated by commas: 16, 26',
    }),
    procedure: text('procedure', { label: 'Procedure' }, { maxLength: 200, required: true }),
    findings: optional(
      text(
        'findings',
        { label: 'Findings' },
        { maxLength: 2000, required: false, multiline: true },
      ),
    ),
    nextVisit: optional(date('nextVisit', { label: 'Next visit' }, { upToToday: false })),
    notes,
  },
  [['teeth'], ['procedure', 'nextVisit'], ['findings'], ['notes']],
);

/** Each form's definition, for building it and showing what was entered. */
export const CLINICAL_FORMS: Record<FormCategory, FormDefinition> = {
  'general-medicine': generalMedicine.definition,
  'clinical-results': clinicalResults.definition,
  cardiac: cardiac.definition,
  dermatology: dermatology.definition,
  dentistry: dentistry.definition,
};

/** Each form's schema. */
export const formSchemas = {
  // Checked even when other fields are wrong, so a missing weight is said with the rest.
  'general-medicine': generalMedicine.schema.superRefine(oneSystemOfUnits, {
    when: ({ value }) => typeof value === 'object' && value !== null,
  }),
  'clinical-results': clinicalResults.schema,
  cardiac: cardiac.schema,
  dermatology: dermatology.schema,
  dentistry: dentistry.schema,
} as const;

export type ClinicalForm<C extends FormCategory> = z.infer<(typeof formSchemas)[C]>;

import { z } from 'zod';

const note = z.string().trim().max(4000).optional();
const yesNo = z.enum(['yes', 'no']);

/** General medicine; BMI is computed from weight (lb) and height (ft), never trusted from input. */
export const generalMedicine = z.strictObject({
  gender: z.enum(['female', 'male', 'other']),
  age: z.number().int().min(0).max(130),
  weightLbs: z.number().positive().max(1500),
  heightFeet: z.number().positive().max(9),
  bloodGroup: z.enum(['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-']),
  bloodPressure: z.string().regex(/^\d{2,3}\/\d{2,3}$/, 'systolic/diastolic, e.g. 120/80'),
  diabetes: yesNo,
  foodAllergies: z.string().trim().max(500),
  notes: note,
});

export const clinicalResults = z.strictObject({
  testName: z.string().trim().min(1).max(200),
  result: z.string().trim().min(1).max(2000),
  unit: z.string().trim().max(50).optional(),
  referenceRange: z.string().trim().max(100).optional(),
  takenOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
  notes: note,
});

export const cardiac = z.strictObject({
  heartRate: z.number().int().min(20).max(300),
  bloodPressure: z.string().regex(/^\d{2,3}\/\d{2,3}$/, 'systolic/diastolic, e.g. 120/80'),
  ecgFindings: z.string().trim().max(2000),
  cholesterolMgDl: z.number().min(0).max(1000).optional(),
  chestPain: yesNo,
  notes: note,
});

export const dermatology = z.strictObject({
  condition: z.string().trim().min(1).max(200),
  affectedArea: z.string().trim().min(1).max(200),
  severity: z.enum(['mild', 'moderate', 'severe']),
  treatment: z.string().trim().max(1000),
  notes: note,
});

export const dentistry = z.strictObject({
  teeth: z.array(z.number().int().min(11).max(48)).max(32),
  procedure: z.string().trim().min(1).max(200),
  findings: z.string().trim().max(2000),
  nextVisit: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
    .optional(),
  notes: note,
});

/** One uploaded document, as base64; the content types a browser can show safely. */
export const uploadedDocument = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  contentType: z.enum(['application/pdf', 'image/png', 'image/jpeg', 'text/plain']),
  /** At most 5 MiB once decoded. */
  dataBase64: z.base64().max(Math.ceil((5 * 1024 * 1024 * 4) / 3) + 4),
});

export const recordContent = z.discriminatedUnion('category', [
  z.strictObject({ category: z.literal('general-medicine'), form: generalMedicine }),
  z.strictObject({ category: z.literal('clinical-results'), form: clinicalResults }),
  z.strictObject({ category: z.literal('cardiac'), form: cardiac }),
  z.strictObject({ category: z.literal('dermatology'), form: dermatology }),
  z.strictObject({ category: z.literal('dentistry'), form: dentistry }),
  z.strictObject({ category: z.literal('document'), document: uploadedDocument }),
]);

export type RecordContent = z.infer<typeof recordContent>;

/** BMI from pounds and feet, to one decimal: 703 × lb / in². */
export function bmi(weightLbs: number, heightFeet: number): number {
  const inches = heightFeet * 12;
  return Math.round(((703 * weightLbs) / (inches * inches)) * 10) / 10;
}

/** What is stored: the content as entered, plus values derived from it (BMI). */
export function withDerivedValues(
  content: RecordContent,
): RecordContent & { derived?: { bmi: number } } {
  if (content.category !== 'general-medicine') return content;
  return { ...content, derived: { bmi: bmi(content.form.weightLbs, content.form.heightFeet) } };
}

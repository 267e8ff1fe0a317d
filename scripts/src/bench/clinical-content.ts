import { BLOOD_GROUPS, CLINICAL_FORMS } from '@patrec/contract';
import type { FormCategory, RecordContent } from '@patrec/contract';

/** The categories a person enters through a clinical form, in the order the web lists them. */
export const FORM_CATEGORIES = Object.keys(CLINICAL_FORMS) as FormCategory[];

const pick = <T>(values: readonly T[], n: number) => values[n % values.length]!;

/** A date in 2025, different for each n, as the forms take it. */
function dayOf(n: number) {
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  return `2025-${month}-${day}`;
}

/**
 * The n-th plausible filled-in form of a category: values vary with n, so records are not
 * all alike in size or content, and every one is valid by the contract's form schemas.
 */
export function clinicalRecord(category: FormCategory, n: number): RecordContent {
  const notes =
    n % 3 === 0 ? { notes: `Follow-up note ${n}: patient reports feeling better.` } : {};
  const pressure = `${110 + (n % 40)}/${70 + (n % 20)}`;
  switch (category) {
    case 'general-medicine':
      return {
        category,
        form: {
          gender: pick(['female', 'male', 'other'] as const, n),
          age: 18 + (n % 70),
          weightLbs: 110 + (n % 120),
          heightFeet: 5 + (n % 12) / 12,
          bloodGroup: pick(BLOOD_GROUPS, n),
          bloodPressure: pressure,
          diabetes: pick(['no', 'yes'] as const, n),
          foodAllergies: pick(['', 'peanuts', 'shellfish', 'lactose'], n),
          ...notes,
        },
      };
    case 'clinical-results':
      return {
        category,
        form: {
          testName: pick(['HbA1c', 'LDL cholesterol', 'TSH', 'Haemoglobin'], n),
          result: String(4 + (n % 30) / 10),
          unit: pick(['%', 'mmol/L', 'mIU/L', 'g/dL'], n),
          referenceRange: '4.0–5.6',
          takenOn: dayOf(n),
          ...notes,
        },
      };
    case 'cardiac':
      return {
        category,
        form: {
          heartRate: 50 + (n % 60),
          bloodPressure: pressure,
          ecgFindings: pick(['sinus rhythm', 'sinus tachycardia', 'first-degree AV block'], n),
          cholesterolMgDl: 150 + (n % 100),
          chestPain: pick(['no', 'yes'] as const, n),
          ...notes,
        },
      };
    case 'dermatology':
      return {
        category,
        form: {
          condition: pick(['eczema', 'psoriasis', 'acne', 'contact dermatitis'], n),
          affectedArea: pick(['left forearm', 'scalp', 'back', 'hands'], n),
          severity: pick(['mild', 'moderate', 'severe'] as const, n),
          treatment: pick(['emollient twice daily', 'topical steroid', ''], n),
          ...notes,
        },
      };
    case 'dentistry':
      return {
        category,
        form: {
          teeth: [11 + (n % 8), 21 + (n % 8)],
          procedure: pick(['filling', 'scaling', 'extraction', 'check-up'], n),
          findings: pick(['no caries', 'caries on occlusal surface', ''], n),
          nextVisit: dayOf(n + 1),
          ...notes,
        },
      };
  }
}

import { formSchemas } from './clinical-forms.js';

/** BMI from pounds and feet, to one decimal: 703 × lb / in². */
export function bmi(weightLbs: number, heightFeet: number): number {
  const inches = heightFeet * 12;
  return Math.round(((703 * weightLbs) / (inches * inches)) * 10) / 10;
}

/** The WHO adult BMI band. */
export function bmiBand(value: number): 'underweight' | 'healthy weight' | 'overweight' | 'obese' {
  if (value < 18.5) return 'underweight';
  if (value < 25) return 'healthy weight';
  if (value < 30) return 'overweight';
  return 'obese';
}

/**
 * The BMI of a weight and a height the general-medicine form accepts, or undefined while
 * either is missing or outside its limits: a BMI worked out from an impossible height is
 * not one to show.
 */
export function bmiWithinLimits(weightLbs: unknown, heightFeet: unknown): number | undefined {
  const { weightLbs: weightField, heightFeet: heightField } = formSchemas['general-medicine'].shape;
  const weight = weightField.safeParse(weightLbs);
  const height = heightField.safeParse(heightFeet);
  return weight.success && height.success ? bmi(weight.data, height.data) : undefined;
}

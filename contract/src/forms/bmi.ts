import type { UnitSystem } from '../vocabulary.js';
import { formSchemas, MEASURED_IN } from './clinical-forms.js';

/** BMI to one decimal, from pounds and feet (703 × lb / in²) or kilograms and centimetres. */
export function bmi(weight: number, height: number, system: UnitSystem = 'imperial'): number {
  const value =
    system === 'imperial' ? (703 * weight) / (height * 12) ** 2 : weight / (height / 100) ** 2;
  return Math.round(value * 10) / 10;
}

/** The WHO adult BMI band. */
export function bmiBand(value: number): 'underweight' | 'healthy weight' | 'overweight' | 'obese' {
  if (value < 18.5) return 'underweight';
  if (value < 25) return 'healthy weight';
  if (value < 30) return 'overweight';
  return 'obese';
}

/**
 * The BMI of a weight and a height the general-medicine form accepts, in the given units, or
 * undefined while either is missing or outside its limits: a BMI worked out from an
 * impossible height is not one to show.
 */
export function bmiWithinLimits(
  weight: unknown,
  height: unknown,
  system: UnitSystem = 'imperial',
): number | undefined {
  const shape = formSchemas['general-medicine'].shape;
  const names = MEASURED_IN[system];
  const checkedWeight = shape[names.weight].safeParse(weight);
  const checkedHeight = shape[names.height].safeParse(height);
  return checkedWeight.data !== undefined && checkedHeight.data !== undefined
    ? bmi(checkedWeight.data, checkedHeight.data, system)
    : undefined;
}

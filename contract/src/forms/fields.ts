import { z } from 'zod';
import type { UnitSystem } from '../vocabulary.js';

/**
 * The building blocks of the clinical forms. Each field is a definition (what a person
 * sees: label, unit, hint, limits) together with the zod schema derived from it, so the
 * gateway validates with exactly the rules and words the web app shows.
 */

interface Common {
  name: string;
  label: string;
  /** Shown after values: 72 bpm. */
  unit?: string;
  /** The unit as the input's label names it, when that differs: Height (feet). */
  unitInLabel?: string;
  /** The unit's UCUM code, for FHIR Quantity. */
  ucum?: string;
  hint?: string;
  placeholder?: string;
  /** May be left out entirely (a blank input sends nothing). */
  optional?: boolean;
  /**
   * A measurement in one system of units (weight in pounds): required when a record is
   * measured in that system, left out otherwise.
   */
  system?: UnitSystem;
  /** What a valid value is, in words: also the message when a value is not one. */
  rule: string;
}

export type FieldDefinition = Common &
  (
    | {
        kind: 'choice';
        options: readonly { value: string; label: string }[];
        as: 'radio' | 'select';
      }
    | { kind: 'integer'; min: number; max: number }
    | { kind: 'decimal'; min: number; minExclusive: boolean; max: number }
    | { kind: 'text'; minLength: 0 | 1; maxLength: number; multiline: boolean }
    | { kind: 'blood-pressure' }
    | { kind: 'date' }
    | { kind: 'teeth'; min: number; max: number; maxItems: number }
  );

export interface Field<S extends z.ZodType> {
  definition: FieldDefinition;
  schema: S;
}

type Labels = Pick<
  Common,
  'label' | 'unit' | 'unitInLabel' | 'ucum' | 'hint' | 'placeholder' | 'system'
>;

export function choice<const V extends string>(
  name: string,
  labels: Labels & { as: 'radio' | 'select' },
  options: readonly { value: V; label: string }[],
) {
  const values = options.map((option) => option.value) as [V, ...V[]];
  const rule = 'choose one';
  return {
    definition: { ...labels, name, kind: 'choice', options, rule },
    schema: z.enum(values, rule),
  } satisfies Field<z.ZodType>;
}

export function integer(name: string, labels: Labels, min: number, max: number) {
  const rule = `a whole number from ${min} to ${max}`;
  return {
    definition: { ...labels, name, kind: 'integer', min, max, rule },
    schema: z.number(rule).int(rule).min(min, rule).max(max, rule),
  } satisfies Field<z.ZodType>;
}

/** A measurement; `above` makes the lower limit exclusive (a weight above 0). */
export function decimal(
  name: string,
  labels: Labels,
  limits: { above: number; max: number } | { min: number; max: number },
) {
  const minExclusive = 'above' in limits;
  const min = 'above' in limits ? limits.above : limits.min;
  const rule = minExclusive
    ? `a number above ${min}, at most ${limits.max}`
    : `a number from ${min} to ${limits.max}`;
  const base = z.number(rule);
  return {
    definition: { ...labels, name, kind: 'decimal', min, minExclusive, max: limits.max, rule },
    schema: (minExclusive ? base.gt(min, rule) : base.min(min, rule)).max(limits.max, rule),
  } satisfies Field<z.ZodType>;
}

/** Free text, trimmed; `required` ones may not be blank, the others may be empty. */
export function text(
  name: string,
  labels: Labels,
  limits: { maxLength: number; required: boolean; multiline?: boolean },
) {
  const rule = limits.required
    ? `required, at most ${limits.maxLength} characters`
    : `at most ${limits.maxLength} characters`;
  const minLength = limits.required ? 1 : 0;
  return {
    definition: {
      ...labels,
      name,
      kind: 'text',
      minLength,
      maxLength: limits.maxLength,
      multiline: limits.multiline ?? false,
      rule,
    },
    schema: z
      .string(rule)
      .trim()
      .min(minLength, limits.required ? 'required' : rule)
      .max(limits.maxLength, rule),
  } satisfies Field<z.ZodType>;
}

/** Plausible pressures in mmHg: the diastolic below the systolic. */
const SYSTOLIC = { min: 50, max: 300 };
const DIASTOLIC = { min: 20, max: 200 };

export function bloodPressure(name: string, labels: Labels) {
  const rule = `systolic/diastolic, e.g. 120/80 (systolic ${SYSTOLIC.min}–${SYSTOLIC.max}, diastolic ${DIASTOLIC.min}–${DIASTOLIC.max} and below the systolic)`;
  return {
    definition: { ...labels, name, kind: 'blood-pressure', rule },
    schema: z
      .string(rule)
      .regex(/^\d{2,3}\/\d{2,3}$/, rule)
      .refine((value) => {
        const [systolic = 0, diastolic = 0] = value.split('/').map(Number);
        return (
          systolic >= SYSTOLIC.min &&
          systolic <= SYSTOLIC.max &&
          diastolic >= DIASTOLIC.min &&
          diastolic <= DIASTOLIC.max &&
          diastolic < systolic
        );
      }, rule),
  } satisfies Field<z.ZodType>;
}

/** The earliest date any form or sign-up takes: nobody alive was born before it. */
export const EARLIEST_DATE = '1900-01-01';

/**
 * Today's date where it is latest (UTC+14), so a date that is today anywhere is never
 * refused as a future one.
 */
const latestToday = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);

/**
 * A real calendar date as YYYY-MM-DD, from 1900-01-01 up to today (`upToToday`) or to the
 * end of 2100.
 */
export function calendarDate(limits: { upToToday: boolean }) {
  const rule = limits.upToToday
    ? `a date from ${EARLIEST_DATE} up to today`
    : `a date as YYYY-MM-DD, from ${EARLIEST_DATE} to 2100-12-31`;
  const schema = z
    .string(rule)
    .regex(/^\d{4}-\d{2}-\d{2}$/, rule)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      const real = !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
      const latest = limits.upToToday ? latestToday() : '2100-12-31';
      return real && value >= EARLIEST_DATE && value <= latest;
    }, rule);
  return { rule, schema };
}

export function date(name: string, labels: Labels, limits: { upToToday: boolean }) {
  const { rule, schema } = calendarDate(limits);
  return {
    definition: { ...labels, name, kind: 'date', rule },
    schema,
  } satisfies Field<z.ZodType>;
}

/** Teeth by their FDI number: quadrant 1–4, then tooth 1–8 (11–18, 21–28, 31–38, 41–48). */
export function teeth(name: string, labels: Labels) {
  const [min, max, maxItems] = [11, 48, 32];
  const rule = `FDI tooth numbers (11–18, 21–28, 31–38, 41–48), separated by commas`;
  const isTooth = (n: number) => n >= min && n <= max && n % 10 >= 1 && n % 10 <= 8;
  return {
    definition: { ...labels, name, kind: 'teeth', min, max, maxItems, rule },
    schema: z.array(z.number(rule).int(rule).refine(isTooth, rule), rule).max(maxItems, rule),
  } satisfies Field<z.ZodType>;
}

/** The same field, which may be left out. */
export function optional<S extends z.ZodType>(field: Field<S>): Field<z.ZodOptional<S>> {
  return { definition: { ...field.definition, optional: true }, schema: field.schema.optional() };
}

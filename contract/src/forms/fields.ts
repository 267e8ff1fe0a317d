import { z } from 'zod';

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

type Labels = Pick<Common, 'label' | 'unit' | 'unitInLabel' | 'ucum' | 'hint' | 'placeholder'>;

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

export function bloodPressure(name: string, labels: Labels) {
  const rule = 'systolic/diastolic, e.g. 120/80';
  return {
    definition: { ...labels, name, kind: 'blood-pressure', rule },
    schema: z.string(rule).regex(/^\d{2,3}\/\d{2,3}$/, rule),
  } satisfies Field<z.ZodType>;
}

export function date(name: string, labels: Labels) {
  const rule = 'a date as YYYY-MM-DD';
  return {
    definition: { ...labels, name, kind: 'date', rule },
    schema: z.string(rule).regex(/^\d{4}-\d{2}-\d{2}$/, rule),
  } satisfies Field<z.ZodType>;
}

/** Teeth by their FDI number. */
export function teeth(name: string, labels: Labels) {
  const [min, max, maxItems] = [11, 48, 32];
  const rule = `tooth numbers ${min}–${max}, separated by commas`;
  return {
    definition: { ...labels, name, kind: 'teeth', min, max, maxItems, rule },
    schema: z
      .array(z.number(rule).int(rule).min(min, rule).max(max, rule), rule)
      .max(maxItems, rule),
  } satisfies Field<z.ZodType>;
}

/** The same field, which may be left out. */
export function optional<S extends z.ZodType>(field: Field<S>): Field<z.ZodOptional<S>> {
  return { definition: { ...field.definition, optional: true }, schema: field.schema.optional() };
}

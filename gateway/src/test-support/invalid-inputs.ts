import fc from 'fast-check';

/** The part of JSON Schema the gateway's request schemas use (from zod's toJSONSchema). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'] as const;
type JsonType = (typeof JSON_TYPES)[number];

/** Values that have broken stores and parsers elsewhere: operators, prototypes, injections. */
const hostile = fc.constantFrom<unknown>(
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { __proto__: { admin: true } },
  "'; DROP TABLE accounts; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'PAT1REC0\nFORBIDDEN',
);
/** Strings at the edges of Unicode: NUL, lone surrogates, direction overrides, astral signs. */
const unicodeEdges = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e\u202d', '𝕏'.repeat(300), '\ufeff'),
);

/** An arbitrary of each JSON type, for values of a type a schema does not allow. */
const ofType: Record<JsonType, fc.Arbitrary<unknown>> = {
  string: fc.oneof(fc.string({ maxLength: 30 }), unicodeEdges),
  number: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(1e308)),
  integer: fc.integer(),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 4 }),
  object: fc.oneof(
    hostile.filter((v) => typeof v === 'object'),
    fc.object({ maxDepth: 2 }),
  ),
};

/** The JSON types a value may have under `schema` (every type when it does not say). */
function allowedTypes(schema: JsonSchema): Set<JsonType> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return new Set(branches.flatMap((branch) => [...allowedTypes(branch)]));
  if (schema.const !== undefined) return new Set([jsonTypeOf(schema.const)]);
  if (schema.type === undefined) return new Set(JSON_TYPES);
  const types = ([] as string[]).concat(schema.type) as JsonType[];
  // An integer is a number too, and a number may be integral.
  if (types.includes('number')) types.push('integer');
  if (types.includes('integer')) types.push('number');
  return new Set(types);
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** A value that `schema` accepts, as far as JSON Schema says (refinements aside). */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) return fc.oneof(...branches.map(validValue));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = ([] as string[]).concat(schema.type ?? 'string')[0] ?? 'string';
  switch (type) {
    case 'string':
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern, 'u'));
      if (schema.format === 'email') return fc.constant('someone@example.org');
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.min(schema.maxLength ?? 20, (schema.minLength ?? 0) + 20),
      });
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? 0, -1e6),
        max: Math.min(schema.maximum ?? 1e6, 1e6),
      });
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, (schema.minItems ?? 0) + 3),
      });
    default: {
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      return fc.record(
        Object.fromEntries(properties.map(([name, property]) => [name, validValue(property)])),
        { requiredKeys: properties.map(([name]) => name).filter((name) => required.has(name)) },
      );
    }
  }
}

/**
 * Values `schema` refuses, each breaking one of its rules: a type it does not allow, too
 * long or too short, off its pattern, const or enum, out of range, too many items. Hostile
 * values and Unicode edges come in as wrong types or as strings off a pattern.
 */
export function invalidValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const allowed = allowedTypes(schema);
  const wrongTypes = JSON_TYPES.filter((type) => !allowed.has(type)).map((type) => ofType[type]);
  const breaches: fc.Arbitrary<unknown>[] = [...wrongTypes];
  if (!schema.anyOf && !schema.oneOf) breaches.push(...ruleBreaches(schema));
  return breaches.length > 0 ? fc.oneof(...breaches) : fc.constant(undefined);
}

function ruleBreaches(schema: JsonSchema): fc.Arbitrary<unknown>[] {
  const breaches: fc.Arbitrary<unknown>[] = [];
  const { maxLength, minLength, pattern, maximum, minimum } = schema;
  if (schema.const !== undefined && typeof schema.const === 'string') {
    breaches.push(fc.string().filter((value) => value !== schema.const));
  }
  if (schema.enum) breaches.push(fc.string().filter((value) => !schema.enum!.includes(value)));
  if (maxLength !== undefined && maxLength < 100_000) {
    breaches.push(fc.constantFrom('x', '\ud800', 'é').map((unit) => unit.repeat(maxLength + 1)));
    breaches.push(fc.constant('x'.repeat(100_000)));
  } else if (maxLength !== undefined) {
    breaches.push(fc.constant('x'.repeat(maxLength + 1)));
  }
  if (minLength !== undefined && minLength > 0)
    breaches.push(fc.constant('x'.repeat(minLength - 1)));
  if (pattern !== undefined) {
    const matches = new RegExp(pattern, 'u');
    breaches.push(
      fc
        .oneof(fc.string({ maxLength: 30 }), unicodeEdges, hostile)
        // Off the pattern also once trimmed: many fields are trimmed before they are checked.
        .filter(
          (value) =>
            typeof value === 'string' && !matches.test(value) && !matches.test(value.trim()),
        ),
    );
  }
  if (maximum !== undefined) breaches.push(fc.constant(maximum + 1), fc.constant(1e308));
  if (minimum !== undefined) breaches.push(fc.constant(minimum - 1), fc.constant(-1e308));
  if (schema.type === 'integer') breaches.push(fc.constant((minimum ?? 0) + 0.5));
  if (schema.maxItems !== undefined && schema.items) {
    const items = schema.maxItems + 1;
    breaches.push(fc.array(validValue(schema.items), { minLength: items, maxLength: items }));
  }
  return breaches;
}

/** The object schemas a body may be: the body's own, or each branch of a union. */
function objectBranches(schema: JsonSchema): JsonSchema[] {
  const branches = schema.oneOf ?? schema.anyOf;
  return branches ? branches.flatMap(objectBranches) : schema.properties ? [schema] : [];
}

/**
 * Request bodies `schema` refuses, each otherwise valid as far as JSON Schema says: one
 * property (top level or one below) broken, a required one left out, an unknown one added, or
 * the whole body of the wrong kind.
 */
export function invalidBodies(schema: JsonSchema): fc.Arbitrary<unknown> {
  const mutants: fc.Arbitrary<unknown>[] = [
    fc.constantFrom<unknown>([], 'text', 7, null, true),
    hostile.filter((value) => typeof value !== 'object'),
  ];
  for (const branch of objectBranches(schema)) {
    const base = validValue(branch) as fc.Arbitrary<Record<string, unknown>>;
    for (const [name, property] of Object.entries(branch.properties ?? {})) {
      mutants.push(
        fc.tuple(base, invalidValue(property)).map(([body, bad]) => ({ ...body, [name]: bad })),
      );
      for (const [inner, innerSchema] of Object.entries(property.properties ?? {})) {
        mutants.push(
          fc.tuple(base, invalidValue(innerSchema)).map(([body, bad]) => ({
            ...body,
            [name]: { ...(body[name] as object), [inner]: bad },
          })),
        );
      }
    }
    for (const name of branch.required ?? []) {
      mutants.push(base.map(({ [name]: _left, ...rest }) => rest));
    }
    if (branch.additionalProperties === false) {
      mutants.push(base.map((body) => ({ ...body, $where: '1', unknownField: 'x' })));
    }
  }
  return fc.oneof(...mutants);
}

/**
 * Path or query values `schema` refuses, as the text they arrive as, URL-encoded; undefined
 * when any text is a value it takes (a bookmark, say).
 */
export function invalidParameter(schema: JsonSchema): fc.Arbitrary<string> | undefined {
  const text = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.constantFrom('$gt', '../admin', "1' OR '1'='1", 'x'.repeat(5_000), '%00', ' '),
  );
  let refused: ((value: string) => boolean) | undefined;
  if (schema.pattern) {
    const matches = new RegExp(schema.pattern, 'u');
    refused = (value) => !matches.test(value) && !matches.test(value.trim());
  } else if (schema.type === 'integer' || schema.type === 'number') {
    const { minimum = -Infinity, maximum = Infinity } = schema;
    refused = (value) => {
      const number = Number(value);
      const integral = schema.type !== 'integer' || Number.isInteger(number);
      return value.trim() === '' || !integral || !(number >= minimum && number <= maximum);
    };
  } else if (schema.enum) {
    refused = (value) => !schema.enum!.includes(value);
  }
  if (!refused) return undefined;
  const outOfRange = fc.constantFrom('-1', '0', '1e308', '100000', '2.5', 'NaN', 'abc');
  return fc
    .oneof(text, outOfRange)
    .filter((value) => value.length > 0 && refused(value))
    .map(encodeURIComponent);
}

import { z } from 'zod';

/**
 * One argument of a transaction: the value's schema, and how it travels. Chaincode
 * arguments are strings; an empty string stands for "not given".
 */
export interface Argument<T> {
  readonly schema: z.ZodType<T>;
  encode(value: T): string;
}

export const text = <T extends string>(schema: z.ZodType<T>): Argument<T> => ({
  schema,
  encode: (value) => value,
});

export const integer = (schema: z.ZodType<number> = z.number().int()): Argument<number> => ({
  schema,
  encode: (value) => String(value),
});

export const json = <T>(schema: z.ZodType<T>): Argument<T> => ({
  schema,
  encode: (value) => JSON.stringify(value),
});

/** The same argument, left out when undefined. */
export const optional = <T>(argument: Argument<T>): Argument<T | undefined> => ({
  schema: argument.schema.optional(),
  encode: (value) => (value === undefined ? '' : argument.encode(value)),
});

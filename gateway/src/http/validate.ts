import type { z } from 'zod';
import { ApiError } from './api-error.js';

/** Parses one part of a request; on failure names every wrong field and why. */
export function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, part: string): T {
  if (!schema) return value as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const first = fields[0];
  throw new ApiError(
    'INVALID_ARGUMENT',
    first ? `${first.field}: ${first.message}` : `invalid ${part}`,
    { fields },
  );
}

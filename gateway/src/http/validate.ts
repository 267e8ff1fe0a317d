import { fieldProblems, plainWords, problemsSummary, sentenceOf } from '@patrec/contract';
import type { z } from 'zod';
import { ApiError } from './api-error.js';

/**
 * Parses one part of a request; on failure names every wrong field by its path, says what to
 * do about each, and sums them up by the fields' labels ("Patient ID: enter a patient ID
 * such as PAT177.").
 */
export function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, part: string): T {
  if (!schema) return value as T;
  const result = schema.safeParse(value, { error: plainWords });
  if (result.success) return result.data;
  const fields = fieldProblems(part, result.error.issues);
  throw new ApiError('INVALID_ARGUMENT', problemsSummary(fields), { fields });
}

/**
 * A field found wrong after parsing, worded as the schemas word theirs: `rule` says what a
 * valid value is ("choose one of hospitala, hospitalb").
 */
export function invalidField(field: string, rule: string): ApiError {
  const fields = [{ field, message: sentenceOf(rule) }];
  return new ApiError('INVALID_ARGUMENT', problemsSummary(fields), { fields });
}

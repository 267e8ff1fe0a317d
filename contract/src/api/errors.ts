import { z } from 'zod';
import { REFUSAL_REASONS } from '../refusals.js';

/** The stable error codes of the HTTP API; each has one status. */
export const API_ERROR_STATUS = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTEGRITY: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;
export const API_ERROR_CODES = Object.keys(API_ERROR_STATUS) as [ApiErrorCode, ...ApiErrorCode[]];

/** A field the gateway found wrong: `body.form.age`, and why. */
export const fieldProblem = z.object({ field: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof fieldProblem>;

export const INTEGRITY_PROBLEMS = ['missing', 'hash-mismatch', 'does-not-decrypt'] as const;
export type IntegrityProblem = (typeof INTEGRITY_PROBLEMS)[number];

/** What an error may say besides its message, as data. */
export const errorDetails = z
  .object({
    /** Why a request was refused (403). */
    reason: z.enum(REFUSAL_REASONS),
    /** Which fields were wrong (400). */
    fields: z.array(fieldProblem),
    /** What an integrity check found (409 INTEGRITY). */
    problem: z.enum(INTEGRITY_PROBLEMS),
    /** A log-in that needs the authenticator code as well (401). */
    totpRequired: z.boolean(),
  })
  .partial();
export type ErrorDetails = z.infer<typeof errorDetails>;

/** The one error body: `{ error: { code, message, details? } }`. */
export const errorBody = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    details: errorDetails.optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

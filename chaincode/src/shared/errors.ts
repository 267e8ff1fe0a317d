/**
 * The stable codes of every refusal. Fabric hands the client only an error's message, so the
 * code leads the message: `FORBIDDEN: DOC7 holds no active read grant covering PAT1REC0`.
 */
export const ERROR_CODES = [
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_ARGUMENT',
  'EXPIRED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ChaincodeError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ChaincodeError';
  }
}

export const forbidden = (detail: string) => new ChaincodeError('FORBIDDEN', detail);
export const notFound = (detail: string) => new ChaincodeError('NOT_FOUND', detail);
export const conflict = (detail: string) => new ChaincodeError('CONFLICT', detail);
export const invalidArgument = (detail: string) => new ChaincodeError('INVALID_ARGUMENT', detail);
export const expired = (detail: string) => new ChaincodeError('EXPIRED', detail);

// The peer wraps the message ("chaincode response 500, FORBIDDEN: …"), so the code is
// searched for, not anchored at the start.
const CODED_MESSAGE = new RegExp(`\\b(${ERROR_CODES.join('|')}): (.*)$`, 's');

/** The code and detail of a refusal, read back from whatever message carried it. */
export function parseChaincodeError(
  message: string,
): { code: ErrorCode; detail: string } | undefined {
  const match = CODED_MESSAGE.exec(message);
  if (!match) return undefined;
  return { code: match[1] as ErrorCode, detail: match[2] ?? '' };
}

/** Ledger data that does not have the shape this code wrote: a bug, never the caller's fault. */
export function corruptState(what: string, problem: string): Error {
  return new Error(`corrupt ${what} on the ledger: ${problem}`);
}

import {
  formatLedgerError,
  type LedgerError,
  type LedgerErrorCode,
  type LedgerRefusalReason,
} from '@patrec/contract/core';

/**
 * A refusal. Fabric hands the client only an error's message, so the message carries the
 * refusal as data (`formatLedgerError`): the code, for FORBIDDEN the reason, then the detail —
 * `FORBIDDEN(REVOKED): DOC7's read grant covering PAT1REC0 was revoked by the patient`.
 */
export class ChaincodeError extends Error implements LedgerError {
  private constructor(
    readonly code: LedgerErrorCode,
    readonly reason: LedgerRefusalReason | null,
    readonly detail: string,
  ) {
    super(formatLedgerError({ code, reason, detail }));
    this.name = 'ChaincodeError';
  }

  static of(code: Exclude<LedgerErrorCode, 'FORBIDDEN' | 'EXPIRED'>, detail: string) {
    return new ChaincodeError(code, null, detail);
  }

  static forbidden(reason: LedgerRefusalReason, detail: string) {
    return new ChaincodeError('FORBIDDEN', reason, detail);
  }

  static expired(detail: string) {
    return new ChaincodeError('EXPIRED', 'EXPIRED', detail);
  }
}

export const forbidden = (reason: LedgerRefusalReason, detail: string) =>
  ChaincodeError.forbidden(reason, detail);
export const notFound = (detail: string) => ChaincodeError.of('NOT_FOUND', detail);
export const conflict = (detail: string) => ChaincodeError.of('CONFLICT', detail);
export const invalidArgument = (detail: string) => ChaincodeError.of('INVALID_ARGUMENT', detail);
export const expired = (detail: string) => ChaincodeError.expired(detail);

/** Ledger data that does not have the shape this code wrote: a bug, never the caller's fault. */
export function corruptState(what: string, problem: string): Error {
  return new Error(`corrupt ${what} on the ledger: ${problem}`);
}

/**
 * How the ledger says no. Fabric hands a client only an error's message, so the message
 * carries the refusal as data: a stable code, for FORBIDDEN the reason, then the detail —
 * `FORBIDDEN(REVOKED): DOC7's read grant covering PAT1REC0 was revoked by the patient`.
 * The chaincode writes it with `formatLedgerError`, the gateway reads it back with
 * `parseLedgerError`; nobody matches the detail's words.
 */

export const LEDGER_ERROR_CODES = [
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_ARGUMENT',
  'EXPIRED',
] as const;
export type LedgerErrorCode = (typeof LEDGER_ERROR_CODES)[number];

/** Why the ledger refused someone. */
export const LEDGER_REFUSAL_REASONS = [
  /** The doctor holds no grant that covers what they asked for. */
  'NO_CONSENT',
  /** The grant that covered it was revoked by the patient. */
  'REVOKED',
  /** The grant that covered it has expired. */
  'EXPIRED',
  /** The doctor's hospital has not verified them yet. */
  'UNVERIFIED',
  /** The doctor's hospital suspended them. */
  'SUSPENDED',
  /** The caller has not registered on the ledger. */
  'NOT_REGISTERED',
  /** The caller's hospital is not the one that decides (or that registered them). */
  'WRONG_HOSPITAL',
  /** The data belongs to someone else, or the caller is no party to it. */
  'NOT_YOURS',
  /** The caller's role may never do this. */
  'ROLE',
  /** The certificate lacks PatRec's attributes or they do not fit together. */
  'CERTIFICATE',
  /** A read carried for someone was not signed with the key they registered (or none is). */
  'SIGNATURE',
  /** The doctor has declared as many emergencies today as one may (MAX_EMERGENCIES_PER_DAY). */
  'EMERGENCY_LIMIT',
] as const;
export type LedgerRefusalReason = (typeof LEDGER_REFUSAL_REASONS)[number];

/** Why a recorded attempt on a record was refused: a refusal reason, or no such record. */
export const ACCESS_REFUSALS = [...LEDGER_REFUSAL_REASONS, 'NOT_FOUND'] as const;
export type AccessRefusal = (typeof ACCESS_REFUSALS)[number];

/**
 * Whether the ledger records a refused read as an attempt: a refusal about access (a reason,
 * or no such record), not about the request's form, and one whose signature proved who asked.
 */
export const isRecordedRefusal = ({ code, reason }: Pick<LedgerError, 'code' | 'reason'>) =>
  (reason !== null && reason !== 'SIGNATURE') || code === 'NOT_FOUND';

/** The gateway's own refusals add one reason: a state change without its CSRF token. */
export const REFUSAL_REASONS = [...LEDGER_REFUSAL_REASONS, 'CSRF'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface LedgerError {
  code: LedgerErrorCode;
  /** Set for FORBIDDEN (and EXPIRED, whose reason is EXPIRED); null otherwise. */
  reason: LedgerRefusalReason | null;
  detail: string;
}

export function formatLedgerError({ code, reason, detail }: LedgerError): string {
  return code === 'FORBIDDEN' && reason ? `${code}(${reason}): ${detail}` : `${code}: ${detail}`;
}

// The peer wraps the message ("chaincode response 500, FORBIDDEN(…): …"), so the code is
// searched for, not anchored at the start.
const CODED_MESSAGE = new RegExp(
  `\\b(${LEDGER_ERROR_CODES.join('|')})(?:\\((${LEDGER_REFUSAL_REASONS.join('|')})\\))?: ([^\\n]*)`,
);

/** The refusal carried by whatever message the peer or gateway wrapped it in, if any. */
export function parseLedgerError(message: string): LedgerError | undefined {
  const match = CODED_MESSAGE.exec(message);
  if (!match) return undefined;
  const code = match[1] as LedgerErrorCode;
  const reason = (match[2] as LedgerRefusalReason | undefined) ?? null;
  // A FORBIDDEN without a reason can only come from a chaincode older than this contract;
  // NOT_YOURS is the reading that promises the caller least.
  return {
    code,
    reason: code === 'EXPIRED' ? 'EXPIRED' : code === 'FORBIDDEN' ? (reason ?? 'NOT_YOURS') : null,
    detail: match[3] ?? '',
  };
}

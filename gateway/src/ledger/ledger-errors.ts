import { status as grpcStatus } from '@grpc/grpc-js';
import { CommitError, EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { parseLedgerError, type LedgerError } from '@patrec/contract/core';
import { ApiError } from '../http/api-error.js';

/** Fabric's validation code for a transaction that read a key another one changed. */
export const mvccReadConflict = 11;

/**
 * The peers endorsed but did not agree, and none refused: under load one hospital's peer can
 * be a block behind the other and read older state. Nothing reached the orderers, so the
 * transaction may simply be sent again.
 */
export const isEndorsementDisagreement = (error: unknown) =>
  error instanceof EndorseError &&
  Number(error.code) === Number(grpcStatus.ABORTED) &&
  ![error.message, ...error.details.map((d) => d.message)].some((text) => parseLedgerError(text));

/**
 * A refusal a peer a moment behind would give about something just written elsewhere: no
 * consent (a grant not yet committed there) or nothing found (a record just created).
 */
export const mayBeFromPeerBehind = (error: unknown) => {
  if (!(error instanceof EndorseError)) return false;
  const refusal = [error.message, ...error.details.map((d) => d.message)]
    .map((text) => parseLedgerError(text))
    .find((parsed) => parsed !== undefined);
  return refusal?.code === 'NOT_FOUND' || refusal?.reason === 'NO_CONSENT';
};

/**
 * The peer's gateway found too few endorsers reachable for the policy (a hospital's peer is
 * down): a matter of seconds, like an unreachable ledger.
 */
const isTooFewEndorsers = (error: unknown) =>
  error instanceof GatewayError &&
  Number(error.code) === Number(grpcStatus.FAILED_PRECONDITION) &&
  /no combination of peers|endorsement policy/i.test(error.message);

/**
 * Turns what the Fabric Gateway threw into the API's error: the chaincode's refusals keep
 * their code, reason and words; an unreachable or slow ledger is 503 with Retry-After.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const texts = [
    error instanceof Error ? error.message : String(error),
    ...(error instanceof GatewayError ? error.details.map((d) => d.message) : []),
  ];
  for (const text of texts) {
    const refusal = parseLedgerError(text);
    if (refusal) return fromRefusal(refusal);
  }
  if (
    isEndorsementDisagreement(error) ||
    isTooFewEndorsers(error) ||
    (error instanceof GatewayError &&
      [grpcStatus.UNAVAILABLE, grpcStatus.DEADLINE_EXCEEDED, grpcStatus.CANCELLED].includes(
        error.code,
      ))
  ) {
    return new ApiError('UNAVAILABLE', 'the ledger is not reachable right now', undefined, 5);
  }
  if (error instanceof CommitError) {
    return new ApiError('CONFLICT', `the ledger did not accept the transaction (${error.code})`);
  }
  // Said to the client in general words; the error handler logs what it was.
  return Object.assign(new ApiError('INTERNAL', 'the ledger gave an unexpected answer'), {
    cause: error,
  });
}

function fromRefusal({ code, reason, detail }: LedgerError): ApiError {
  switch (code) {
    case 'FORBIDDEN':
    case 'EXPIRED':
      return new ApiError('FORBIDDEN', detail, { reason: reason ?? 'NOT_YOURS' });
    case 'NOT_FOUND':
      return new ApiError('NOT_FOUND', detail);
    case 'CONFLICT':
      return new ApiError('CONFLICT', detail);
    case 'INVALID_ARGUMENT':
      // The request was well-formed but the ledger refused its meaning.
      return new ApiError('UNPROCESSABLE', detail);
  }
}

import { status as grpcStatus } from '@grpc/grpc-js';
import { CommitError, GatewayError } from '@hyperledger/fabric-gateway';
import { ApiError } from '../http/api-error.js';

/** The chaincode leads each refusal's message with its stable code: `FORBIDDEN: …`. */
const chaincodeRefusal = /\b(FORBIDDEN|NOT_FOUND|CONFLICT|INVALID_ARGUMENT|EXPIRED): ([^\n]*)/;

type ChaincodeCode = 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INVALID_ARGUMENT' | 'EXPIRED';

/** Fabric's validation code for a transaction that read a key another one changed. */
export const mvccReadConflict = 11;

export const isMvccConflict = (error: unknown) =>
  error instanceof CommitError && Number(error.code) === mvccReadConflict;

/**
 * Turns what the Fabric Gateway threw into the API's error: the chaincode's refusals keep
 * their code and words; an unreachable or slow ledger is 503 with Retry-After.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const texts = [
    error instanceof Error ? error.message : String(error),
    ...(error instanceof GatewayError ? error.details.map((d) => d.message) : []),
  ];
  for (const text of texts) {
    const match = chaincodeRefusal.exec(text);
    if (!match) continue;
    const code = match[1] as ChaincodeCode;
    const message = match[2] ?? '';
    switch (code) {
      case 'FORBIDDEN':
        return new ApiError('FORBIDDEN', message, { reason: forbiddenReason(message) });
      case 'EXPIRED':
        return new ApiError('FORBIDDEN', message, { reason: 'EXPIRED' });
      case 'NOT_FOUND':
        return new ApiError('NOT_FOUND', message);
      case 'CONFLICT':
        return new ApiError('CONFLICT', message);
      case 'INVALID_ARGUMENT':
        return new ApiError('UNPROCESSABLE', message);
    }
  }
  if (
    error instanceof GatewayError &&
    [grpcStatus.UNAVAILABLE, grpcStatus.DEADLINE_EXCEEDED, grpcStatus.CANCELLED].includes(
      error.code,
    )
  ) {
    return new ApiError('UNAVAILABLE', 'the ledger is not reachable right now', undefined, 5);
  }
  if (error instanceof CommitError) {
    return new ApiError('CONFLICT', `the ledger did not accept the transaction (${error.code})`);
  }
  return new ApiError('INTERNAL', 'the ledger gave an unexpected answer');
}

/** Why a consent check refused, in one word the web app can turn into a sentence. */
function forbiddenReason(message: string): string {
  if (/revoked/i.test(message)) return 'REVOKED';
  if (/expired/i.test(message)) return 'EXPIRED';
  if (/not verified|unverified|suspended/i.test(message)) return 'UNVERIFIED';
  if (/grant|consent/i.test(message)) return 'NO_CONSENT';
  return 'NOT_ALLOWED';
}

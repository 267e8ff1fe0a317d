import { status } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import type { ServiceError } from '@grpc/grpc-js';
import { expect } from 'chai';
import { toApiError } from './ledger-errors.js';

const cause = new Error('grpc') as ServiceError;

const endorseFailure = (message: string) =>
  new GatewayError({
    cause,
    code: status.ABORTED,
    details: [{ address: 'peer0', mspId: 'HospitalAMSP', message }],
    message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
  });

describe('ledger errors', () => {
  it('keeps the chaincode refusal, its reason and its words', () => {
    const error = toApiError(
      endorseFailure(
        'chaincode response 500, FORBIDDEN(NO_CONSENT): DOC7 holds no active read grant covering PAT1REC0',
      ),
    );
    expect(error.status).to.equal(403);
    expect(error.toBody()).to.deep.equal({
      error: {
        code: 'FORBIDDEN',
        message: 'DOC7 holds no active read grant covering PAT1REC0',
        details: { reason: 'NO_CONSENT' },
      },
    });
  });

  it('takes the reason from the refusal, not from its words', () => {
    const error = toApiError(
      endorseFailure('chaincode response 500, FORBIDDEN(REVOKED): DOC7 may read nothing of PAT1'),
    );
    expect([error.status, error.details]).to.deep.equal([403, { reason: 'REVOKED' }]);
    const suspended = toApiError(
      endorseFailure('chaincode response 500, FORBIDDEN(SUSPENDED): DOC7 has no active grant'),
    );
    expect(suspended.details).to.deep.equal({ reason: 'SUSPENDED' });
  });

  it('maps EXPIRED to 403 with reason EXPIRED', () => {
    const error = toApiError(
      endorseFailure("chaincode response 500, EXPIRED: DOC7's read grant has expired"),
    );
    expect([error.status, error.details]).to.deep.equal([403, { reason: 'EXPIRED' }]);
  });

  it('maps NOT_FOUND, CONFLICT and INVALID_ARGUMENT to 404, 409 and 422', () => {
    const statuses = ['NOT_FOUND: x', 'CONFLICT: x', 'INVALID_ARGUMENT: x'].map(
      (m) => toApiError(endorseFailure(`chaincode response 500, ${m}`)).status,
    );
    expect(statuses).to.deep.equal([404, 409, 422]);
  });

  it('answers an unreachable ledger with 503 and Retry-After', () => {
    const error = toApiError(
      new GatewayError({
        cause,
        code: status.UNAVAILABLE,
        details: [],
        message: '14 UNAVAILABLE: No connection',
      }),
    );
    expect([error.status, error.retryAfter, error.code]).to.deep.equal([503, 5, 'UNAVAILABLE']);
  });

  it('answers a call cut off by a failing orderer (CANCELLED) with 503 too', () => {
    const error = toApiError(
      new GatewayError({ cause, code: status.CANCELLED, details: [], message: '1 CANCELLED' }),
    );
    expect([error.status, error.retryAfter]).to.deep.equal([503, 5]);
  });

  it("answers 503 when a hospital's peer is down and too few endorsers remain, not 500", () => {
    const message =
      '9 FAILED_PRECONDITION: no combination of peers can be derived which satisfy the endorsement policy';
    const error = toApiError(
      new GatewayError({ cause, code: status.FAILED_PRECONDITION, details: [], message }),
    );
    expect([error.status, error.retryAfter]).to.deep.equal([503, 5]);
  });

  it('hides anything else behind a 500 that says nothing of the ledger internals', () => {
    const error = toApiError(new Error('unexpected protobuf'));
    expect(error.toBody()).to.deep.equal({
      error: { code: 'INTERNAL', message: 'the ledger gave an unexpected answer' },
    });
  });
});

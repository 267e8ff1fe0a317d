import type { ServiceError } from '@grpc/grpc-js';
import { GatewayError, type Transaction } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';
import { orderUntilKnown, OutcomeUnknown } from './ordering.js';

const gatewayError = (code: number, message: string) =>
  new GatewayError({ code, details: [], cause: new Error('grpc') as ServiceError, message });

/** A transaction whose every send fails with `error`; counts the sends. */
function sendingFails(error: () => Error) {
  let sends = 0;
  const transaction = {
    getTransactionId: () => 'tx9',
    submit: () => {
      sends += 1;
      return Promise.reject(error());
    },
  } as unknown as Transaction;
  return { transaction, sends: () => sends };
}

const quick = { budgetMs: 120, statusWaitMs: 50, pauseMs: 20 };

describe('ordering a transaction until its outcome is known', () => {
  it('keeps sending while there is no Raft leader, then says the outcome is unknown (503)', async () => {
    const { transaction, sends } = sendingFails(() =>
      gatewayError(14, '14 UNAVAILABLE: no Raft leader'),
    );
    const error = await orderUntilKnown(transaction, quick).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OutcomeUnknown);
    expect([
      (error as OutcomeUnknown).status,
      (error as OutcomeUnknown).transactionId,
    ]).to.deep.equal([503, 'tx9']);
    expect(sends()).to.be.greaterThan(2);
  });

  it('does not send again what the peer refused outright', async () => {
    const { transaction, sends } = sendingFails(() =>
      gatewayError(9, '9 FAILED_PRECONDITION: no orderers configured'),
    );
    const error = await orderUntilKnown(transaction, quick).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(GatewayError);
    expect(sends()).to.equal(1);
  });

  it('does not act on a status reported as a duplicate: the outcome stays unknown', async () => {
    const transaction = {
      getTransactionId: () => 'tx9',
      submit: () =>
        Promise.resolve({
          getStatus: () => Promise.resolve({ code: 9, successful: false, transactionId: 'tx9' }),
        }),
    } as unknown as Transaction;
    const error = await orderUntilKnown(transaction, quick).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OutcomeUnknown);
  });
});

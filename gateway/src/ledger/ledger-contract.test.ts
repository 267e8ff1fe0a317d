import { CommitError, type Contract, type Gateway } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';
import { ApiError } from '../http/api-error.js';
import { LedgerContract } from './ledger.js';

const mvcc = () =>
  new CommitError({ code: 11, transactionId: 'tx', message: 'MVCC_READ_CONFLICT' });
const endorsementFailure = () =>
  new CommitError({ code: 10, transactionId: 'tx', message: 'ENDORSEMENT_POLICY_FAILURE' });

/** A contract whose submits fail with the given errors, then answer "done". */
function contractFailing(errors: Error[]) {
  let calls = 0;
  const contract = {
    submitTransaction: () => {
      calls += 1;
      const error = errors.shift();
      return error ? Promise.reject(error) : Promise.resolve(new TextEncoder().encode('done'));
    },
  } as unknown as Contract;
  return { ledger: new LedgerContract(contract, {} as Gateway), calls: () => calls };
}

describe('ledger submits', () => {
  it('retries a transaction that lost an MVCC read conflict, and succeeds', async () => {
    const { ledger, calls } = contractFailing([mvcc(), mvcc()]);
    expect(await ledger.submit('records:CreateRecord')).to.equal('done');
    expect(calls()).to.equal(3);
  });

  it('gives up after three MVCC conflicts with 409', async () => {
    const { ledger, calls } = contractFailing([mvcc(), mvcc(), mvcc(), mvcc()]);
    const error = await ledger.submit('records:CreateRecord').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).status).to.equal(409);
    expect(calls()).to.equal(3);
  });

  it('never retries any other failure', async () => {
    const { ledger, calls } = contractFailing([endorsementFailure()]);
    await ledger.submit('records:CreateRecord').catch(() => undefined);
    expect(calls()).to.equal(1);
  });
});

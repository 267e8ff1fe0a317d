import { healthRecord, transactions as tx } from '@patrec/contract';
import { expect } from 'chai';
import { registerPatient } from './scenario';
import { person, sha256, TestChain } from './test-chain';

/** The checks every test relies on: a success that breaks the contract fails the test. */
describe('TestChain (the deployed chaincode over a fake ledger)', () => {
  it("refuses an output outside the transaction's result schema", async () => {
    const chain = new TestChain();
    const pingAsWhoAmI = { ...tx.health.ping, result: tx.health.whoAmI.result };
    try {
      await chain.call(person('auditor', 'AUD1'), pingAsWhoAmI);
    } catch (error) {
      expect((error as Error).message).to.match(/answered outside its result schema/);
      return;
    }
    expect.fail('the output was accepted');
  });

  it('refuses an output with fields the schema lacks, which zod would strip', async () => {
    const chain = new TestChain();
    const patient = await registerPatient(chain, 'PAT1');
    await chain.ok(patient, tx.records.createRecord, 'PAT1', 'cardiac', sha256('x'));
    const narrowed = { ...tx.records.getRecord, result: healthRecord.pick({ recordId: true }) };
    try {
      await chain.call(patient, narrowed, 'PAT1REC0');
    } catch (error) {
      expect((error as Error).message).to.match(/answered fields its result schema lacks/);
      return;
    }
    expect.fail('the output was accepted');
  });

  it('checks the reason of a refusal, not only its code', async () => {
    const chain = new TestChain();
    const patient = person('patient', 'PAT1');
    await chain.refused(patient, 'FORBIDDEN(NOT_REGISTERED)', tx.records.getRecord, 'PAT1REC0');
    try {
      await chain.refused(patient, 'FORBIDDEN(ROLE)', tx.records.getRecord, 'PAT1REC0');
    } catch (error) {
      expect((error as Error).message).to.match(/expected 'FORBIDDEN\(NOT_REGISTERED\)'/);
      return;
    }
    expect.fail('the wrong reason was accepted');
  });
});

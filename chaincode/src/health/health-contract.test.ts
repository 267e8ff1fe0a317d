import { transactions as tx } from '@patrec/contract';
import { expect } from 'chai';
import { HOSPITAL_B, person, TestChain } from '../test-support/test-chain';

describe('HealthContract', () => {
  let chain: TestChain;
  beforeEach(() => {
    chain = new TestChain();
  });

  it('Ping writes nothing and returns the transaction ID', async () => {
    const call = await chain.call(person('auditor', 'AUD1'), tx.health.ping);
    expect(call).to.include({ submitted: true, writeCalls: 0 });
    expect(JSON.parse(call.output ?? '')).to.deep.equal({ txId: call.txId });
  });

  it('WhoAmI reports the MSP and the certificate attributes, as sorted JSON', async () => {
    const call = await chain.call(person('doctor', 'DOC140', HOSPITAL_B), tx.health.whoAmI);
    expect(call.output).to.equal('{"mspId":"HospitalBMSP","patrecId":"DOC140","role":"doctor"}');
  });

  it('WhoAmI reports null for attributes the certificate lacks', async () => {
    const identity = await chain.ok({ mspId: 'HospitalAMSP', attributes: {} }, tx.health.whoAmI);
    expect(identity).to.deep.equal({ mspId: 'HospitalAMSP', role: null, patrecId: null });
  });
});

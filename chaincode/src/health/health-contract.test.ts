import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { HealthContract } from './health-contract';

function contextOf(mspId: string, attributes: Record<string, string>, txId = 'tx1'): Context {
  return {
    stub: { getTxID: () => txId },
    clientIdentity: {
      getMSPID: () => mspId,
      getAttributeValue: (name: string) => attributes[name] ?? null,
    },
  } as unknown as Context;
}

describe('HealthContract', () => {
  const contract = new HealthContract();

  it('is registered under the "health" namespace', () => {
    expect(contract.getName()).to.equal('health');
  });

  it('Ping returns the transaction ID', async () => {
    expect(await contract.Ping(contextOf('HospitalAMSP', {}, 'abc123'))).to.equal('abc123');
  });

  it('WhoAmI reports the MSP and the certificate attributes', async () => {
    const ctx = contextOf('HospitalBMSP', { role: 'doctor', patrecId: 'DOC140' });
    expect(JSON.parse(await contract.WhoAmI(ctx))).to.deep.equal({
      mspId: 'HospitalBMSP',
      role: 'doctor',
      patrecId: 'DOC140',
    });
  });

  it('WhoAmI reports null for attributes the certificate lacks', async () => {
    const identity = JSON.parse(await contract.WhoAmI(contextOf('HospitalAMSP', {}))) as {
      role: unknown;
    };
    expect(identity.role).to.equal(null);
  });
});

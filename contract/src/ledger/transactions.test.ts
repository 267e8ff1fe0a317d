import { expect } from 'chai';
import { allTransactions, encodeArguments, transactions } from './transactions.js';

describe('transaction catalogue', () => {
  it('names each transaction once, as Fabric addresses it', () => {
    const names = allTransactions.map((t) => t.fullName);
    expect(new Set(names).size).to.equal(names.length);
    for (const t of allTransactions) expect(t.fullName).to.equal(`${t.contract}:${t.name}`);
    expect(transactions.access.accessRecord.fullName).to.equal('access:AccessRecord');
  });

  it('encodes arguments as the chaincode takes them: strings in order, blanks left out', () => {
    const grant = transactions.consents.grantAccess;
    expect(
      encodeArguments(grant, { consentId: 'CON1', scope: { all: true }, durationSeconds: 3600 }),
    ).to.deep.equal(['CON1', '{"all":true}', '', '3600']);
  });
});

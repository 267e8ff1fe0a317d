import { allTransactions } from '@patrec/contract';
import { expect } from 'chai';
import { deployedContracts, methodOf, transactionsOf } from './test-support/test-chain';

/**
 * The contract's transaction catalogue is what the gateway calls the ledger by, so it must
 * describe the deployed contracts exactly: the same transactions under the same namespaces,
 * submitted or evaluated as the decorators say, taking the same parameters in the same order.
 */

/** A method's parameter names, read from its source as the shim does to build its metadata. */
function parameterNames(method: (...parameters: unknown[]) => unknown): string[] {
  const list = /^[^(]*\(([^)]*)\)/.exec(method.toString())?.[1] ?? '';
  return list
    .split(',')
    .map((parameter) => parameter.trim())
    .filter((parameter) => parameter !== '');
}

const deployed = [...deployedContracts()].flatMap(([namespace, contract]) =>
  transactionsOf(contract).map((metadata) => {
    const [ctx, ...parameters] = parameterNames(methodOf(contract, metadata.name));
    return {
      fullName: `${namespace}:${metadata.name}`,
      ctx,
      submit: metadata.tag?.includes('SUBMIT') ?? false,
      parameters,
    };
  }),
);

describe('the transaction catalogue of @patrec/contract', () => {
  it('lists every deployed transaction once, and nothing else', () => {
    const listed = allTransactions.map((definition) => definition.fullName);
    expect(new Set(listed).size).to.equal(listed.length);
    expect([...listed].sort()).to.deep.equal(deployed.map((t) => t.fullName).sort());
  });

  for (const definition of allTransactions) {
    it(`describes ${definition.fullName} as deployed`, () => {
      expect(definition.fullName).to.equal(`${definition.contract}:${definition.name}`);
      const found = deployed.find((t) => t.fullName === definition.fullName);
      if (!found) return expect.fail(`${definition.fullName} is not deployed`);
      expect(found.ctx, 'first parameter').to.equal('ctx');
      expect({ submit: found.submit, parameters: found.parameters }).to.deep.equal({
        submit: definition.submit,
        parameters: Object.keys(definition.args),
      });
    });
  }
});

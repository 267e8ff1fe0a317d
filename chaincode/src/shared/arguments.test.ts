import { expect } from 'chai';
import { integerArg, jsonArg, optional, stringArg, timeArg } from './arguments';
import { ChaincodeError } from './errors';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ChaincodeError);
    return (error as ChaincodeError).message;
  }
  return expect.fail('expected INVALID_ARGUMENT');
}

describe('argument checks', () => {
  it('take strings up to their limit', () => {
    expect(stringArg('x', 'a'.repeat(256))).to.have.lengthOf(256);
    expect(refusal(() => stringArg('x', 'a'.repeat(257)))).to.equal(
      'INVALID_ARGUMENT: x is longer than 256 characters',
    );
    expect(refusal(() => stringArg('x', 7))).to.equal('INVALID_ARGUMENT: x must be a string');
  });

  it('take whole numbers within bounds, inclusive', () => {
    expect(integerArg('n', '60', 60, 120)).to.equal(60);
    expect(integerArg('n', '120', 60, 120)).to.equal(120);
    expect(refusal(() => integerArg('n', '121', 60, 120))).to.match(/between 60 and 120/);
    expect(refusal(() => integerArg('n', '060', 60, 120))).to.match(/whole number/);
  });

  it('take times in exactly the form the ledger writes', () => {
    expect(timeArg('t', '2028-02-29T23:59:59.999Z')).to.equal('2028-02-29T23:59:59.999Z');
    for (const bad of ['2027-02-29T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-1-1']) {
      expect(
        refusal(() => timeArg('t', bad)),
        bad,
      ).to.match(/^INVALID_ARGUMENT: t must be a UTC time/);
    }
  });

  it('parse JSON and refuse what is not', () => {
    expect(jsonArg('j', '{"all":true}', 100)).to.deep.equal({ all: true });
    expect(refusal(() => jsonArg('j', '{all:true}', 100))).to.equal(
      'INVALID_ARGUMENT: j must be JSON',
    );
  });

  it('treat an empty string as an absent optional argument', () => {
    expect(optional('', (name, value) => integerArg(name, value, 1, 2), 'n')).to.equal(null);
    expect(optional('2', (name, value) => integerArg(name, value, 1, 2), 'n')).to.equal(2);
  });
});

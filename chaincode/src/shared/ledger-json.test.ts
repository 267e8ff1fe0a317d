import { expect } from 'chai';
import { fromLedger, toLedger, toSortedJson } from './ledger-json';

describe('ledger JSON', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
    expect(toSortedJson(value)).to.equal('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('writes the same bytes whatever order the fields were set in', () => {
    const one = { recordId: 'PAT1REC0', version: 2, patientId: 'PAT1' };
    const other = { patientId: 'PAT1', version: 2, recordId: 'PAT1REC0' };
    expect(Buffer.from(toLedger(one)).equals(Buffer.from(toLedger(other)))).to.equal(true);
  });

  it('sorts keys that look like numbers as strings, unlike JSON.stringify', () => {
    expect(toSortedJson({ b: 1, 10: 2, 9: 3 })).to.equal('{"10":2,"9":3,"b":1}');
  });

  it('escapes strings as JSON does', () => {
    expect(toSortedJson({ s: 'a"b\\c\n\u0000' })).to.equal(JSON.stringify({ s: 'a"b\\c\n\u0000' }));
  });

  const unserialisable: [string, unknown][] = [
    ['undefined', { a: undefined }],
    ['a fraction', { a: 1.5 }],
    ['NaN', { a: NaN }],
    ['an unsafe integer', { a: 2 ** 53 }],
    ['a bigint', { a: 1n }],
    ['a function', { a: () => 1 }],
  ];
  for (const [what, value] of unserialisable) {
    it(`refuses ${what}, which would not read back as written`, () => {
      expect(() => toSortedJson(value)).to.throw(/cannot serialise/);
    });
  }

  it('reads bytes back into unknown, and reports corrupt bytes as a bug, not a refusal', () => {
    expect(fromLedger(toLedger({ a: [1] }), 'thing')).to.deep.equal({ a: [1] });
    expect(() => fromLedger(Buffer.from('{oops'), 'thing')).to.throw(
      'corrupt thing on the ledger: not JSON',
    );
  });
});

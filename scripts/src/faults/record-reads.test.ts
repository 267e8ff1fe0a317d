import { expect } from 'chai';
import { classifyRead } from './record-reads.js';
import { tagOf, taggedContent, writeTag } from './tagged-content.js';

const refusal = (code: string, message = '', details?: object) => ({
  error: { code, message, ...(details ? { details } : {}) },
});

describe('reading a record back', () => {
  it('takes the tag out of the content served', () => {
    const tag = writeTag('run1', 3, 17);
    expect(classifyRead(200, { content: taggedContent(tag, 5) })).to.deep.equal({
      kind: 'content',
      tag: 'run1-p3-w17',
    });
  });

  it('serves content no fault run wrote as content without a tag', () => {
    const form = { category: 'clinical-results', form: { testName: 'HbA1c' } };
    expect(classifyRead(200, { content: form })).to.deep.equal({ kind: 'content', tag: undefined });
  });

  it('tells missing content (409 INTEGRITY) by its problem', () => {
    expect(classifyRead(409, refusal('INTEGRITY', 'failed', { problem: 'missing' }))).to.deep.equal(
      { kind: 'integrity', problem: 'missing' },
    );
  });

  it('treats 5xx, no answer and a 409 conflict as a failure of the moment', () => {
    for (const [status, body] of [
      [503, refusal('UNAVAILABLE', 'ledger down')],
      [0, undefined],
      [409, refusal('CONFLICT', 'in progress')],
    ] as const) {
      expect(classifyRead(status, body).kind, String(status)).to.equal('unavailable');
    }
  });

  it('keeps a refusal with its status', () => {
    expect(classifyRead(403, refusal('FORBIDDEN', 'revoked'))).to.deep.equal({
      kind: 'refused',
      status: 403,
      detail: '403 FORBIDDEN revoked',
    });
    expect(classifyRead(404, refusal('NOT_FOUND'))).to.deep.equal({ kind: 'not-found' });
  });
});

describe('tagged content', () => {
  it('is a clinical result whose test name carries the tag', () => {
    const content = taggedContent('abc-p0-w1', 1);
    expect(content.category).to.equal('clinical-results');
    expect(tagOf(content)).to.equal('abc-p0-w1');
    expect(tagOf(taggedContent('abc-p0-w2', 1))).to.not.equal(tagOf(content));
  });
});

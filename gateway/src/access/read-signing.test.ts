import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { readStatementText } from '@patrec/contract';
import { expect } from 'chai';
import { readKeyOf, signedRead } from './read-signing.js';

describe('read signing', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const identity = {
    mspId: 'HospitalAMSP',
    certificate: '',
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };

  it('signs the statement of the read with the key whose public half is registered', () => {
    const read = signedRead(
      identity,
      'DOC1',
      'PAT1REC0',
      undefined,
      new Date('2026-12-02T12:00:00.000Z'),
    );
    expect(read).to.include({
      recordId: 'PAT1REC0',
      readerId: 'DOC1',
      requestedAt: '2026-12-02T12:00:00.000Z',
    });
    expect(read.requestId).to.match(/^[0-9a-f]{64}$/);
    const key = createPublicKey({
      key: Buffer.from(readKeyOf(identity), 'base64'),
      format: 'der',
      type: 'spki',
    });
    const text = Buffer.from(readStatementText(read));
    expect(verify('sha256', text, key, Buffer.from(read.signature, 'base64'))).to.equal(true);
    const other = Buffer.from(readStatementText({ ...read, recordId: 'PAT1REC1' }));
    expect(verify('sha256', other, key, Buffer.from(read.signature, 'base64'))).to.equal(false);
  });

  it('signs the version of a read of an earlier version, so it cannot be carried as another', () => {
    const read = signedRead(identity, 'DOC1', 'PAT1REC0', 2);
    expect(read).to.include({ recordId: 'PAT1REC0', version: 2 });
    const key = createPublicKey({
      key: Buffer.from(readKeyOf(identity), 'base64'),
      format: 'der',
      type: 'spki',
    });
    const signature = Buffer.from(read.signature, 'base64');
    const verifies = (statement: typeof read) =>
      verify('sha256', Buffer.from(readStatementText(statement)), key, signature);
    expect(verifies(read)).to.equal(true);
    expect(verifies({ ...read, version: 1 })).to.equal(false);
    expect(verifies({ ...read, version: undefined })).to.equal(false);
  });

  it('gives every read a request ID of its own', () => {
    const ids = new Set([1, 2, 3].map(() => signedRead(identity, 'DOC1', 'PAT1REC0').requestId));
    expect(ids.size).to.equal(3);
  });
});

import { createHash, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { signers } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';
import { newMessageSigner } from './message-signer.js';

/** The S of a DER ECDSA signature. */
function sOf(der: Uint8Array): bigint {
  const bytes = Buffer.from(der);
  const rLength = bytes[3]!;
  const sLength = bytes[5 + rLength]!;
  return BigInt(`0x${bytes.subarray(6 + rLength, 6 + rLength + sLength).toString('hex')}`);
}

describe('the message signer', () => {
  const p256 = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

  it('signs so that Node verifies it, always with the lower S that Fabric accepts', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signer = newMessageSigner(privateKey);
    for (let i = 0; i < 200; i += 1) {
      const message = randomBytes(1 + (i % 300));
      const signature = await signer(message);
      expect(verify('sha256', message, publicKey, signature)).to.equal(true);
      expect(sOf(signature) <= p256 / 2n).to.equal(true);
    }
  });

  it("gives signatures fabric-gateway's own signer could have made, over the SHA-256 digest", async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const message = randomBytes(500);
    const ours = await newMessageSigner(privateKey)(message);
    const theirs = await signers.newPrivateKeySigner(privateKey)(
      createHash('sha256').update(message).digest(),
    );
    // Both are DER, low S, and verify for the same message (ECDSA signatures are randomised).
    for (const signature of [ours, theirs]) {
      expect(verify('sha256', message, publicKey, signature)).to.equal(true);
      expect(Buffer.from(signature)[0]).to.equal(0x30);
    }
  });

  it('signs with P-384 keys too, and refuses keys Fabric cannot use', async () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const message = randomBytes(64);
    const signature = await newMessageSigner(p384.privateKey)(message);
    expect(verify('sha256', message, p384.publicKey, signature)).to.equal(true);
    const ed = generateKeyPairSync('ed25519');
    expect(() => newMessageSigner(ed.privateKey)).to.throw(
      /cannot sign for Fabric with a ed25519 key/,
    );
  });
});

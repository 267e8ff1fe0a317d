import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { transactions as tx, type SignedRead } from '@patrec/contract';
import { readStatementText } from '@patrec/contract/core';
import type { Identity } from './fake-ledger';
import type { TestChain } from './test-chain';

/** A reader's signing key, as a gateway holds it for them. */
export interface ReadSigner {
  readerId: string;
  publicKey: string;
  privateKey: KeyObject;
}

// An EC private key in SEC1 DER around a 32-byte secret, on P-256 (OID 1.2.840.10045.3.1.7).
const SEC1_HEAD = Buffer.from('30310201010420', 'hex');
const SEC1_CURVE = Buffer.from('a00a06082a8648ce3d030107', 'hex');

/**
 * A key derived from the reader's ID and `label`: the same every run, so that a scene
 * replayed writes the same ledger (the invariants test compares them byte for byte).
 */
export function newReadSigner(readerId: string, label = 'scene'): ReadSigner {
  const secret = createHash('sha256').update(`${label} read key of ${readerId}`).digest();
  const der = Buffer.concat([SEC1_HEAD, secret, SEC1_CURVE]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'sec1' });
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { readerId, publicKey: publicKey.toString('base64'), privateKey };
}

/** Registers a new read key for `reader` and returns its signer. */
export async function registerReadKey(chain: TestChain, reader: Identity): Promise<ReadSigner> {
  const signer = newReadSigner(reader.attributes['patrecId'] ?? '');
  await chain.ok(reader, tx.participants.registerReadKey, signer.publicKey);
  return signer;
}

/** A read of `recordId` (of its `version`, if given) signed by `signer`, asked for at `requestedAt`. */
export function signRead(
  signer: ReadSigner,
  recordId: string,
  requestedAt: string,
  requestId = randomBytes(32).toString('hex'),
  version?: number,
): SignedRead {
  const statement = {
    requestId,
    recordId,
    ...(version === undefined ? {} : { version }),
    readerId: signer.readerId,
    requestedAt,
  };
  const signature = sign('sha256', Buffer.from(readStatementText(statement)), signer.privateKey);
  return { ...statement, signature: signature.toString('base64') };
}

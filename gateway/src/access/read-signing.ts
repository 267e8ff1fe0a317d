import { createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { SignedRead } from '@patrec/contract';
import { readStatementText } from '@patrec/contract';
import type { EnrolledIdentity } from '../identity/hospital-ca.js';

interface ReadSigningKey {
  privateKey: KeyObject;
  /** The public half as the ledger registers it: SPKI DER, base64. */
  publicKey: string;
}

// Parsing a PEM key, and exporting its public half, cost more than a signature; people's
// keys change only on re-enrolment.
const parsed = new Map<string, ReadSigningKey>();
const maxParsed = 10_000;

function keyOf(identity: EnrolledIdentity): ReadSigningKey {
  const known = parsed.get(identity.privateKey);
  if (known) return known;
  const privateKey = createPrivateKey(identity.privateKey);
  const publicKey = createPublicKey(privateKey)
    .export({ format: 'der', type: 'spki' })
    .toString('base64');
  if (parsed.size >= maxParsed) parsed.clear();
  const key = { privateKey, publicKey };
  parsed.set(identity.privateKey, key);
  return key;
}

/**
 * The read key a person registers on the ledger: their enrolment key's public half, so
 * whoever holds their ledger identity can sign their reads and nobody else can.
 */
export function readKeyOf(identity: EnrolledIdentity): string {
  return keyOf(identity).publicKey;
}

/** A read of `recordId` by `readerId`, signed with their key, asked for now. */
export function signedRead(
  identity: EnrolledIdentity,
  readerId: string,
  recordId: string,
  now = new Date(),
): SignedRead {
  const statement = {
    requestId: randomBytes(32).toString('hex'),
    recordId,
    readerId,
    requestedAt: now.toISOString(),
  };
  const signature = sign(
    'sha256',
    Buffer.from(readStatementText(statement)),
    keyOf(identity).privateKey,
  );
  return { ...statement, signature: signature.toString('base64') };
}

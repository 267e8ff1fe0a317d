import { createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { SignedRead } from '@patrec/contract';
import { readStatementText } from '@patrec/contract';
import type { EnrolledIdentity } from '../identity/hospital-ca.js';

// Parsing a PEM key costs more than a signature; people's keys change only on re-enrolment.
const parsed = new Map<string, KeyObject>();
const maxParsed = 10_000;

function privateKeyOf(identity: EnrolledIdentity): KeyObject {
  const known = parsed.get(identity.privateKey);
  if (known) return known;
  const key = createPrivateKey(identity.privateKey);
  if (parsed.size >= maxParsed) parsed.clear();
  parsed.set(identity.privateKey, key);
  return key;
}

/**
 * The read key a person registers on the ledger: their enrolment key's public half, so
 * whoever holds their ledger identity can sign their reads and nobody else can.
 */
export function readKeyOf(identity: EnrolledIdentity): string {
  const spki = createPublicKey(privateKeyOf(identity)).export({ format: 'der', type: 'spki' });
  return spki.toString('base64');
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
    privateKeyOf(identity),
  );
  return { ...statement, signature: signature.toString('base64') };
}

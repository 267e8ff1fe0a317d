import { randomBytes, sign } from 'node:crypto';
import type { SignedRead } from '@patrec/contract';
import { readStatementText } from '@patrec/contract';
import type { EnrolledIdentity } from '../identity/hospital-ca.js';
import { keysOf } from '../identity/identity-keys.js';

/**
 * The read key a person registers on the ledger: their enrolment key's public half, so
 * whoever holds their ledger identity can sign their reads and nobody else can.
 */
export function readKeyOf(identity: EnrolledIdentity): string {
  return keysOf(identity).publicKey;
}

/** A read of `recordId` (of its `version`, if named) by `readerId`, signed with their key, asked for now. */
export function signedRead(
  identity: EnrolledIdentity,
  readerId: string,
  recordId: string,
  version?: number,
  now = new Date(),
): SignedRead {
  const statement = {
    requestId: randomBytes(32).toString('hex'),
    recordId,
    ...(version === undefined ? {} : { version }),
    readerId,
    requestedAt: now.toISOString(),
  };
  const signature = sign(
    'sha256',
    Buffer.from(readStatementText(statement)),
    keysOf(identity).privateKey,
  );
  return { ...statement, signature: signature.toString('base64') };
}

import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { EnrolledIdentity } from './hospital-ca.js';

/** A person's enrolment key, parsed once: it signs their ledger messages and their reads. */
export interface IdentityKeys {
  privateKey: KeyObject;
  /** The public half as the ledger registers it for reads: SPKI DER, base64. */
  publicKey: string;
}

// Parsing a PEM key, and exporting its public half, cost more than a signature; every
// ledger call and every read signs. People's keys change only on re-enrolment.
const parsed = new Map<string, IdentityKeys>();
const maxParsed = 10_000;

export function keysOf(identity: EnrolledIdentity): IdentityKeys {
  const known = parsed.get(identity.privateKey);
  if (known) return known;
  const privateKey = createPrivateKey(identity.privateKey);
  const publicKey = createPublicKey(privateKey)
    .export({ format: 'der', type: 'spki' })
    .toString('base64');
  if (parsed.size >= maxParsed) parsed.clear();
  const keys = { privateKey, publicKey };
  parsed.set(identity.privateKey, keys);
  return keys;
}

import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { ReadKey } from '@patrec/contract';
import type { Context } from 'fabric-contract-api';
import { stateOf } from '../shared/transaction-reads';
import { stringArg } from '../shared/arguments';
import { corruptState, invalidArgument } from '../shared/errors';
import { fromLedger, toLedger } from '../shared/ledger-json';
import { Shape } from '../shared/shape';
import { ROLES } from '@patrec/contract/core';

/**
 * A reader's registered signing key: the gateway signs each read it carries for them in a
 * batch with it, and the chaincode checks that signature instead of the batch's creator.
 */
export function readKeyKey(ctx: Context, participantId: string): string {
  return ctx.stub.createCompositeKey('readKey', [participantId]);
}

export async function findReadKey(
  ctx: Context,
  participantId: string,
): Promise<ReadKey | undefined> {
  const bytes = await stateOf(ctx, readKeyKey(ctx, participantId));
  return bytes.length === 0 ? undefined : parseReadKey(fromLedger(bytes, 'read key'));
}

export async function putReadKey(ctx: Context, key: ReadKey): Promise<void> {
  await ctx.stub.putState(readKeyKey(ctx, key.participantId), toLedger(key));
}

function parseReadKey(value: unknown): ReadKey {
  const shape = new Shape(value, (problem) => corruptState('read key', problem));
  return {
    participantId: shape.string('participantId'),
    role: shape.oneOf('role', ROLES),
    mspId: shape.string('mspId'),
    publicKey: shape.string('publicKey'),
    registeredAt: shape.string('registeredAt'),
  };
}

/** A P-256 public key, SPKI DER in base64; anything else is refused. */
export function publicKeyArg(name: string, value: unknown): string {
  const text = stringArg(name, value, 200);
  const key = keyObjectOf(text);
  if (key?.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw invalidArgument(`${name} must be a P-256 public key (SPKI DER, base64)`);
  }
  return text;
}

// Parsing a key costs more than checking a signature with it; keys change rarely.
const parsedKeys = new Map<string, KeyObject>();
const maxParsedKeys = 10_000;

function keyObjectOf(base64: string): KeyObject | undefined {
  const known = parsedKeys.get(base64);
  if (known) return known;
  try {
    const key = createPublicKey({
      key: Buffer.from(base64, 'base64'),
      format: 'der',
      type: 'spki',
    });
    if (parsedKeys.size >= maxParsedKeys) parsedKeys.clear();
    parsedKeys.set(base64, key);
    return key;
  } catch {
    return undefined;
  }
}

/** Whether `signature` (DER, base64) is `key`'s ECDSA SHA-256 signature of `text`. */
export function signedBy(key: ReadKey, text: string, signature: string): boolean {
  const publicKey = keyObjectOf(key.publicKey);
  if (!publicKey) return false;
  return verify('sha256', Buffer.from(text), publicKey, Buffer.from(signature, 'base64'));
}

import { createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '@patrec/contract';

/** Crockford's base32: no I, L, O or U, so a code copied by hand or read aloud survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 symbols of 5 bits: 60 random bits, shown as three groups of four. */
const SYMBOLS = 12;
const GROUP = 4;

/** A set of distinct one-time codes such as `K7QM-3XZP-9WCD`. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const symbols = Array.from({ length: SYMBOLS }, () => ALPHABET[randomInt(ALPHABET.length)]);
    const groups = [];
    for (let at = 0; at < SYMBOLS; at += GROUP) groups.push(symbols.slice(at, at + GROUP).join(''));
    codes.add(groups.join('-'));
  }
  return [...codes];
}

/**
 * A code as typed, in the form it was hashed in: case, spaces and dashes ignored, and the
 * letters Crockford reads as digits (O as 0, I and L as 1) read so. Undefined when it cannot
 * be a code at all.
 */
export function normalisedRecoveryCode(typed: string): string | undefined {
  const symbols = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== SYMBOLS) return undefined;
  return [...symbols].every((symbol) => ALPHABET.includes(symbol)) ? symbols : undefined;
}

/**
 * Hashes of recovery codes, keyed with a key derived from the master key (HMAC-SHA256).
 * Codes are 60 random bits, not chosen by people, so a slow password hash buys nothing
 * against guessing; without the master key a stolen database gives nothing to test guesses
 * against at all. A fast hash also keeps a reset attempt (which has to try every stored
 * code, and answer an unknown account as slowly) from costing eight argon2 runs. The account
 * ID is hashed in, so a hash means nothing on another account.
 */
export class RecoveryCodeHasher {
  readonly #key: Buffer;

  constructor(masterKey: Buffer) {
    this.#key = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'patrec recovery codes', 32),
    );
  }

  /** The hash of a code as generated or as typed; undefined when it cannot be a code. */
  hash(accountId: string, code: string): string | undefined {
    const normalised = normalisedRecoveryCode(code);
    if (!normalised) return undefined;
    return createHmac('sha256', this.#key).update(`${accountId}\n${normalised}`).digest('hex');
  }

  /** The stored hash the typed code matches, if any; every stored hash is compared. */
  match(accountId: string, typed: string, hashes: readonly string[]): string | undefined {
    const given = Buffer.from(this.hash(accountId, typed) ?? '0'.repeat(64), 'hex');
    let found: string | undefined;
    for (const stored of hashes) {
      const candidate = Buffer.from(stored, 'hex');
      if (candidate.length === given.length && timingSafeEqual(candidate, given)) found = stored;
    }
    return normalisedRecoveryCode(typed) ? found : undefined;
  }
}

/** A new set: the codes to show once, and what the account keeps of them. */
export function newRecoveryCodeSet(
  hasher: RecoveryCodeHasher,
  accountId: string,
  now = new Date(),
) {
  const codes = newRecoveryCodes();
  const hashes = codes.map((code) => hasher.hash(accountId, code)!);
  return { codes, stored: { hashes, createdAt: now } };
}

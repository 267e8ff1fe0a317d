import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM ciphertext with what is needed to open it. */
export interface Sealed {
  /** 12-byte nonce, fresh for every seal. */
  iv: Buffer;
  ciphertext: Buffer;
  /** 16-byte GCM tag: any change to ciphertext, iv or context fails the open. */
  tag: Buffer;
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

const keyLength = 32;

export function newDataKey(): Buffer {
  return randomBytes(keyLength);
}

/**
 * Encrypts under the key, binding the ciphertext to `context` (additional authenticated
 * data such as the record ID and version), so a ciphertext moved to another record or
 * patient does not open.
 */
/** GCM's full tag: the only length `open` accepts. */
const TAG_BYTES = 16;

export function seal(key: Buffer, plaintext: Buffer, context: string): Sealed {
  assertKey(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

export function open(key: Buffer, sealed: Sealed, context: string): Buffer {
  assertKey(key);
  try {
    // Node accepts GCM tags as short as 4 bytes unless told the length; a truncated tag
    // would make forgeries cheap, so only a whole 16-byte tag opens.
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new DecryptionError(`ciphertext for ${context} does not open with its key`);
  }
}

/** Key wrapping: a data key sealed under the master key, bound to its owner. */
export const wrapKey = (masterKey: Buffer, dataKey: Buffer, owner: string) =>
  seal(masterKey, dataKey, `data-key:${owner}`);

export const unwrapKey = (masterKey: Buffer, wrapped: Sealed, owner: string) =>
  open(masterKey, wrapped, `data-key:${owner}`);

function assertKey(key: Buffer) {
  if (key.length !== keyLength) throw new Error(`AES-256 needs a ${keyLength}-byte key`);
}

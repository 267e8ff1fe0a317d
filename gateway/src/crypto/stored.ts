import type { Sealed } from './envelope.js';

/** A Sealed as it comes back from MongoDB: Buffers return as BSON Binary. */
export interface StoredSealed {
  iv: unknown;
  ciphertext: unknown;
  tag: unknown;
}

const toBuffer = (value: unknown): Buffer =>
  Buffer.isBuffer(value) ? value : Buffer.from((value as { buffer: Uint8Array }).buffer);

export function fromStored(stored: StoredSealed): Sealed {
  return {
    iv: toBuffer(stored.iv),
    ciphertext: toBuffer(stored.ciphertext),
    tag: toBuffer(stored.tag),
  };
}

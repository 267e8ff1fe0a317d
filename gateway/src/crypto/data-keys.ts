import type { Collection, Db } from 'mongodb';
import { newDataKey, unwrapKey, wrapKey, type Sealed } from './envelope.js';
import { fromStored, type StoredSealed } from './stored.js';

interface DataKeyEntry {
  /** The person the key belongs to (PatRec ID). */
  _id: string;
  wrapped: StoredSealed;
}

/**
 * One data key per person, wrapped by the master key. Everything personal (profile,
 * record contents) is sealed under it, so deleting it makes all of that unreadable at once
 * (crypto-shredding), backups included.
 */
export class DataKeys {
  readonly #keys: Collection<DataKeyEntry>;
  /** Unwrapped keys by owner; keys never change, so the cache needs no invalidation. */
  readonly #cache = new Map<string, Buffer>();

  constructor(
    db: Db,
    readonly masterKey: Buffer,
  ) {
    this.#keys = db.collection<DataKeyEntry>('dataKeys');
  }

  async keyOf(owner: string): Promise<Buffer> {
    const cached = this.#cache.get(owner);
    if (cached) return cached;
    const entry = await this.#keys.findOne({ _id: owner });
    if (!entry) throw new Error(`no data key for ${owner}`);
    const key = unwrapKey(this.masterKey, fromStored(entry.wrapped), owner);
    this.#cache.set(owner, key);
    return key;
  }

  /** Creates the owner's key; a second call for the same owner fails on the unique _id. */
  async create(owner: string): Promise<Buffer> {
    const key = newDataKey();
    const wrapped: Sealed = wrapKey(this.masterKey, key, owner);
    await this.#keys.insertOne({ _id: owner, wrapped });
    this.#cache.set(owner, key);
    return key;
  }

  async shred(owner: string): Promise<void> {
    this.#cache.delete(owner);
    await this.#keys.deleteOne({ _id: owner });
  }
}

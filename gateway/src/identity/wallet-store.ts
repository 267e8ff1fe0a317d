import type { Collection, Db } from 'mongodb';
import type { WalletStore } from 'fabric-network';
import { open, seal } from '../crypto/envelope.js';
import { fromStored, type StoredSealed } from '../crypto/stored.js';

interface WalletEntry {
  _id: string;
  /** The serialized identity (certificate and private key), sealed under the master key. */
  sealed: StoredSealed;
}

/**
 * fabric-network's WalletStore over MongoDB. Identities are sealed under the master key
 * with the label as context, so a copied database alone gives no usable private key.
 */
export class MongoWalletStore implements WalletStore {
  readonly #entries: Collection<WalletEntry>;

  constructor(
    db: Db,
    readonly masterKey: Buffer,
  ) {
    this.#entries = db.collection<WalletEntry>('wallet');
  }

  async get(label: string): Promise<Buffer | undefined> {
    const entry = await this.#entries.findOne({ _id: label });
    if (!entry) return undefined;
    return open(this.masterKey, fromStored(entry.sealed), `wallet:${label}`);
  }

  async list(): Promise<string[]> {
    const entries = await this.#entries.find({}, { projection: { _id: 1 } }).toArray();
    return entries.map((e) => e._id);
  }

  async put(label: string, data: Buffer): Promise<void> {
    const sealed = seal(this.masterKey, data, `wallet:${label}`);
    await this.#entries.replaceOne({ _id: label }, { sealed }, { upsert: true });
  }

  async remove(label: string): Promise<void> {
    await this.#entries.deleteOne({ _id: label });
  }
}

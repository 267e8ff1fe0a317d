import type { Collection, Db } from 'mongodb';
import { insertIfAbsent, migrateOnce } from '../store/store-helpers.js';
import type { StoredSealed } from '../crypto/stored.js';

/**
 * The reason a doctor gave for emergency access: kept off-chain, sealed, its hash on chain.
 * Staged under a random ID before the ledger sees the hash, then kept under the consent's ID,
 * so reading it is a lookup by `_id` (served from the embedded store's index).
 */
export interface SealedEmergencyReason {
  /** The consent's ID once the ledger granted it; the staging ID before. */
  _id: string;
  /** The ID it was staged (and sealed) under. */
  stagedId: string;
  patientId: string;
  doctorId: string;
  consentId: string | null;
  reasonHash: string;
  sealed: StoredSealed;
  createdAt: Date;
}

export class EmergencyReasons {
  readonly collection: Collection<SealedEmergencyReason>;

  constructor(readonly db: Db) {
    this.collection = db.collection<SealedEmergencyReason>('emergencyReasons');
  }

  async stage(reason: Omit<SealedEmergencyReason, '_id' | 'consentId'>) {
    await this.collection.insertOne({ ...reason, _id: reason.stagedId, consentId: null });
  }

  /** Keeps a staged reason under the consent the ledger granted for it; safe to repeat. */
  async keep(stagedId: string, consentId: string) {
    const staged = await this.collection.findOne({ _id: stagedId });
    if (!staged) return;
    await insertIfAbsent(this.collection, { ...staged, _id: consentId, consentId });
    await this.collection.deleteOne({ _id: stagedId });
  }

  async discard(stagedId: string) {
    await this.collection.deleteOne({ _id: stagedId });
  }

  of(consentId: string) {
    return this.collection.findOne({ _id: consentId });
  }

  /**
   * Moves reasons stored before they were kept under their consent's ID (a `consentId`
   * field, the staging ID as `_id`): once per database, at start-up, never on a request.
   */
  async migrate() {
    await migrateOnce(this.db, 'emergencyReasonsByConsent', async () => {
      for await (const old of this.collection.find({})) {
        if (old.consentId && old._id !== old.consentId) {
          await insertIfAbsent(this.collection, { ...old, _id: old.consentId, stagedId: old._id });
          await this.collection.deleteOne({ _id: old._id });
        }
      }
    });
  }
}

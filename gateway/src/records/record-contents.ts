import type { Collection, Db } from 'mongodb';
import type { Category, RecordSummary } from '@patrec/contract';
import { IntegrityAlerts } from '../audit/integrity-alerts.js';
import { IdempotentWrites } from './idempotent-writes.js';
import { insertIfAbsent, migrateOnce } from '../store/store-helpers.js';
import type { StoredSealed } from '../crypto/stored.js';

/** What a stored version holds, staged or committed: sealed under the patient's data key. */
interface SealedVersion {
  patientId: string;
  category: Category;
  sealed: StoredSealed;
  /** SHA-256 of iv ‖ tag ‖ ciphertext: what the ledger holds for this version. */
  contentHash: string;
  createdAt: Date;
  createdBy: string;
}

/** A version staged before its hash is on the ledger; `_id` is its random upload ID. */
export interface PendingContent extends SealedVersion {
  _id: string;
  /** Its title, sealed apart (absent from versions staged before titles). */
  sealedTitle?: StoredSealed;
  /** The write under an Idempotency-Key it belongs to, if the client sent one. */
  writeId?: string;
  /**
   * Its transaction, endorsed and signed, kept before it goes to the orderers: while the
   * outcome is unknown the reconciler sends it again as it is until the ledger says.
   */
  transaction?: { id: string; bytes: string };
}

/** A version whose hash the ledger holds; `_id` is `<recordId>@<version>`. */
export interface ContentVersion extends SealedVersion {
  _id: string;
  recordId: string;
  version: number;
  /** The upload ID it was staged (and sealed) under. */
  uploadId: string;
}

/**
 * A version's title, sealed under the patient's data key apart from its content, so that a
 * list opens a few bytes per record instead of whole contents; `_id` is `<recordId>@<version>`.
 */
export interface SealedTitle {
  _id: string;
  patientId: string;
  /** The upload ID it was sealed under, with its version's content. */
  uploadId: string;
  sealed: StoredSealed;
}

/** The `_id` of a record's version: reads compose it from what the ledger says. */
export const versionKey = (recordId: string, version: number) => `${recordId}@${version}`;

/**
 * Record contents and titles. Every request looks a version (or its title) up by its `_id`,
 * which the embedded store serves from its index (any other filter reads a whole collection
 * there). Staged versions live apart, so the reconciler reads only what is in flight.
 */
export class RecordContents {
  readonly versions: Collection<ContentVersion>;
  readonly pending: Collection<PendingContent>;
  readonly titles: Collection<SealedTitle>;
  readonly alerts: IntegrityAlerts;
  readonly writes: IdempotentWrites;
  readonly #legacy: Collection<LegacyContent>;

  constructor(readonly db: Db) {
    this.versions = db.collection<ContentVersion>('recordVersions');
    this.pending = db.collection<PendingContent>('pendingContents');
    this.titles = db.collection<SealedTitle>('recordTitles');
    this.alerts = new IntegrityAlerts(db);
    this.writes = new IdempotentWrites(db, async (uploadId) => {
      return (await this.pending.findOne({ _id: uploadId }, { projection: { _id: 1 } })) !== null;
    });
    this.#legacy = db.collection<LegacyContent>('recordContents');
  }

  version(recordId: string, version: number) {
    return this.versions.findOne({ _id: versionKey(recordId, version) });
  }

  /** A version's sealed title, by `_id`; null for a version stored before titles. */
  title(recordId: string, version: number) {
    return this.titles.findOne({ _id: versionKey(recordId, version) });
  }

  /** Keeps the staged version's endorsed transaction (base64) before it is ordered. */
  async keepTransaction(pending: PendingContent, transactionId: string, bytes: Uint8Array) {
    const transaction = { id: transactionId, bytes: Buffer.from(bytes).toString('base64') };
    await this.pending.updateOne({ _id: pending._id }, { $set: { transaction } });
  }

  /**
   * Keeps a staged version as committed, marks its idempotent write (with what it answers),
   * then drops the staged copy: in that order, so a crash between leaves nothing unknown.
   * Safe to repeat.
   */
  async commit(pending: PendingContent, record: RecordSummary) {
    await this.#keepVersion(pending, record.recordId, record.version);
    if (pending.sealedTitle) {
      const sealedWith = { patientId: pending.patientId, uploadId: pending._id };
      await this.keepTitle(record.recordId, record.version, sealedWith, pending.sealedTitle);
    }
    if (pending.writeId) await this.writes.committed(pending.writeId, record);
    await this.pending.deleteOne({ _id: pending._id });
  }

  async #keepVersion(staged: SealedVersion & { _id: string }, recordId: string, version: number) {
    const { patientId, category, sealed, contentHash, createdAt, createdBy } = staged;
    await insertIfAbsent(this.versions, {
      patientId,
      category,
      sealed,
      contentHash,
      createdAt,
      createdBy,
      _id: versionKey(recordId, version),
      recordId,
      version,
      uploadId: staged._id,
    });
  }

  /** Keeps a version's sealed title, unless it has one. */
  async keepTitle(
    recordId: string,
    version: number,
    sealedWith: { patientId: string; uploadId: string },
    sealed: StoredSealed,
  ) {
    const { patientId, uploadId } = sealedWith;
    await insertIfAbsent(this.titles, {
      _id: versionKey(recordId, version),
      patientId,
      uploadId,
      sealed,
    });
  }

  /** Drops a staged version the ledger certainly does not hold; its key may be used again. */
  async rollBack(pending: PendingContent) {
    await this.pending.deleteOne({ _id: pending._id });
    if (pending.writeId) await this.writes.release(pending.writeId);
  }

  /** Destroys every version of a record (1 … its last) and its title, each by `_id`. */
  async destroy(recordId: string, lastVersion: number) {
    for (let version = 1; version <= lastVersion; version += 1) {
      await this.versions.deleteOne({ _id: versionKey(recordId, version) });
      await this.titles.deleteOne({ _id: versionKey(recordId, version) });
    }
  }

  /**
   * Moves contents stored before versions had their own `_id` (one collection, a `state`
   * field) to the collections above, and numbers the alerts: once per database, at
   * start-up, never on a request.
   */
  async migrate() {
    await migrateOnce(this.db, 'recordVersions', () => this.#moveLegacy());
    await this.alerts.migrate();
  }

  async #moveLegacy() {
    for await (const old of this.#legacy.find({})) {
      const { _id: uploadId, state, recordId, version, ...sealed } = old;
      if (state === 'committed' && recordId !== null && version !== null) {
        await this.#keepVersion({ ...sealed, _id: uploadId }, recordId, version);
      } else {
        await insertIfAbsent(this.pending, { ...sealed, _id: uploadId });
      }
      await this.#legacy.deleteOne({ _id: uploadId });
    }
  }
}

/** How contents were stored before (one collection for staged and committed versions). */
interface LegacyContent extends SealedVersion {
  _id: string;
  recordId: string | null;
  version: number | null;
  state: 'pending' | 'committed';
}

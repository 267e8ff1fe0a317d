import { randomBytes } from 'node:crypto';
import type { Session } from '../accounts/session.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { DecryptionError } from '../crypto/envelope.js';
import { ApiError } from '../http/api-error.js';
import type { LedgerReads } from '../access/ledger-reads.js';
import type { BeforeOrdering, Ledger } from '../ledger/ledger.js';
import {
  ownerOfRecord,
  recordSummary,
  titleOf,
  withDerivedValues,
  type HealthRecord,
  type IntegrityProblem,
  type PageQuery,
  type RecordContent,
  type RecordListing,
  type RecordRead,
  type RecordSummary,
  type StoredContent,
} from '@patrec/contract';
import { fromStored } from '../crypto/stored.js';
import { openContent, openTitle, sealContent, sealTitle, verifiedSealed } from './content-seal.js';
import { WriteInFlight } from './idempotent-writes.js';
import type { ContentVersion, PendingContent, RecordContents } from './record-contents.js';
import { migrateOnce } from '../store/store-helpers.js';
import { settleByTransaction } from './reconciler.js';

const commitRetryPausesMs = [50, 200, 800];
const backgroundAttempts = 30;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The title a stored version's content makes; undefined when it does not open. */
function titleFromContent(key: Buffer, version: ContentVersion): string | undefined {
  try {
    const { patientId, uploadId, sealed } = version;
    return titleOf(openContent(key, patientId, uploadId, fromStored(sealed)));
  } catch (error) {
    if (error instanceof DecryptionError) return undefined;
    throw error;
  }
}

/**
 * Record contents: sealed off-chain, their hash on the ledger. Writes store the sealed
 * version as pending, commit its hash, then mark it committed (and remove it when the
 * ledger refuses). Reads are consent-checked and logged on the ledger (in batches, see
 * LedgerReads), then check the stored ciphertext against the ledger's hash before decrypting; a mismatch is
 * an integrity error for auditors, never served.
 */
export class RecordsService {
  constructor(
    readonly store: RecordContents,
    readonly dataKeys: DataKeys,
    readonly ledger: Ledger,
    readonly reads: Pick<LedgerReads, 'accessRecord'>,
  ) {}

  /**
   * Adds a record. With an Idempotency-Key, a repeat of the same request answers what the
   * first answered (or 409 while it is being resolved) instead of adding a second record.
   */
  async create(
    session: Session,
    patientId: string,
    content: RecordContent,
    idempotencyKey?: string,
  ): Promise<RecordSummary> {
    const uploadId = randomBytes(16).toString('hex');
    let writeId: string | undefined;
    if (idempotencyKey) {
      const claim = await this.#claim(session, idempotencyKey, { patientId, content }, uploadId);
      if (!('writeId' in claim)) return claim;
      writeId = claim.writeId;
    }
    const staged = await this.#stage(session, patientId, content, uploadId, writeId).catch(
      async (error: unknown) => {
        if (writeId) await this.store.writes.release(writeId);
        throw error;
      },
    );
    const record = await this.#commit(staged, (beforeOrdering) =>
      this.ledger.as(
        session.userId,
        (ledger) =>
          ledger.records.createRecord({
            patientId,
            category: content.category,
            contentHash: staged.contentHash,
          }),
        beforeOrdering,
      ),
    );
    return recordSummary.parse(record);
  }

  /**
   * Claims the Idempotency-Key. When the first write with it is still unresolved (its answer
   * was lost), its kept transaction is sent again now rather than left to the reconciler:
   * then the key answers what it wrote, or is free when the ledger refused it.
   */
  async #claim(session: Session, key: string, request: unknown, uploadId: string) {
    const claim = () => this.store.writes.claim(session.userId, key, request, uploadId);
    try {
      return await claim();
    } catch (error) {
      if (!(error instanceof WriteInFlight)) throw error;
      const first = await this.store.pending.findOne({ _id: error.uploadId });
      const identity = await this.ledger.identities.identityOf(session.userId);
      if (!first?.transaction || !identity) throw error;
      await settleByTransaction(this.store, this.ledger, identity, first).catch(() => {
        throw error; // still unknown: the reconciler goes on trying
      });
      return claim();
    }
  }

  async update(
    session: Session,
    recordId: string,
    content: RecordContent,
    expectedVersion: number,
  ): Promise<RecordSummary> {
    // Nothing is looked up before the ledger's checks: whether the record exists, its version
    // and its category are said only to those who may write it (the ledger refuses the rest).
    const patientId = ownerOfRecord(recordId);
    if (!patientId) throw new ApiError('NOT_FOUND', `no record ${recordId}`);
    const staged = await this.#stage(session, patientId, content);
    const record = await this.#commit(staged, (beforeOrdering) =>
      this.ledger.as(
        session.userId,
        (ledger) =>
          ledger.records.updateRecord({
            recordId,
            category: content.category,
            contentHash: staged.contentHash,
            expectedVersion,
          }),
        beforeOrdering,
      ),
    );
    return recordSummary.parse(record);
  }

  /**
   * The consent-checked read of the current version, or of an earlier `version`: logged on
   * the ledger (with the version read), verified against that version's hash, decrypted.
   */
  async read(session: Session, recordId: string, version?: number): Promise<RecordRead> {
    const { access, record } = await this.reads.accessRecord(session.userId, recordId, version);
    const verified = verifiedSealed(record, await this.store.version(recordId, record.version));
    if ('problem' in verified) throw await this.#integrity(session, record, verified.problem);
    const { stored, sealed } = verified;
    let content: StoredContent;
    try {
      content = openContent(
        await this.dataKeys.keyOf(record.patientId),
        record.patientId,
        stored.uploadId,
        sealed,
      );
    } catch (error) {
      if (error instanceof DecryptionError)
        throw await this.#integrity(session, record, 'does-not-decrypt');
      throw error;
    }
    return {
      record: recordSummary.parse(record),
      // From the verified content, so what a read shows is what the ledger's hash covers.
      title: titleOf(content),
      content,
      access: {
        accessId: access.accessId,
        consentId: access.consentId,
        emergency: access.emergency,
      },
    };
  }

  /** Deletes on the ledger (a tombstone that keeps the history) and shreds every version. */
  async delete(session: Session, recordId: string) {
    const tombstone = await this.ledger.as(session.userId, (ledger) =>
      ledger.records.deleteRecord({ recordId }),
    );
    await this.store.destroy(recordId, tombstone.version);
  }

  /**
   * A page of a patient's record IDs, categories and dates: of their own list (the patient,
   * auditors), or of the directory a doctor looks up, each page of it logged on the ledger.
   * Titles go to the owner, and to a doctor for the records a grant in force lets them read
   * (the ledger says which); never to auditors. Each title is one `_id` look-up.
   */
  async directory(session: Session, patientId: string, page: PageQuery): Promise<RecordListing> {
    const { pageSize, bookmark } = page;
    return this.ledger.as(session.userId, async (ledger) => {
      if (session.role === 'doctor') {
        const directory = await ledger.access.getRecordDirectory({ patientId, pageSize, bookmark });
        const items = await Promise.all(
          directory.items.map(async (entry) => ({
            ...entry,
            title: entry.readable ? await this.#titleOf(patientId, entry) : null,
          })),
        );
        return { ...directory, items };
      }
      const own = await ledger.records.listRecords({ patientId, pageSize, bookmark });
      const owner = session.userId === patientId;
      const items = await Promise.all(
        own.items.map(async (record) => ({
          ...recordSummary.parse(record),
          title:
            owner && record.status === 'ACTIVE' ? await this.#titleOf(patientId, record) : null,
        })),
      );
      return { items, bookmark: own.bookmark };
    });
  }

  /**
   * Titles for the versions stored before titles were, made from their contents: once per
   * database, in the background at start-up, never on a request (it reads every version).
   * Versions that no longer open (a patient's key destroyed) are left without. The count made.
   */
  async migrateTitles(): Promise<number> {
    let made = 0;
    await migrateOnce(this.store.db, 'recordTitles', async () => {
      for await (const version of this.store.versions.find({})) {
        if (await this.store.title(version.recordId, version.version)) continue;
        const { patientId, uploadId } = version;
        // A patient whose key is destroyed has no contents left to title.
        const key = await this.dataKeys.keyOf(patientId).catch(() => undefined);
        const title = key && titleFromContent(key, version);
        if (!key || title === undefined) continue;
        const sealed = sealTitle(key, patientId, uploadId, title);
        await this.store.keepTitle(version.recordId, version.version, version, sealed);
        made += 1;
      }
    });
    return made;
  }

  /** A version's title, or null when it was stored before titles or does not open. */
  async #titleOf(patientId: string, record: { recordId: string; version: number }) {
    const stored = await this.store.title(record.recordId, record.version);
    if (!stored || stored.patientId !== patientId) return null;
    try {
      const key = await this.dataKeys.keyOf(patientId);
      return openTitle(key, patientId, stored.uploadId, fromStored(stored.sealed));
    } catch (error) {
      // A title that does not open is left out; reading the record raises the alert.
      if (error instanceof DecryptionError) return null;
      throw error;
    }
  }

  async #stage(
    session: Session,
    patientId: string,
    content: RecordContent,
    upload = randomBytes(16).toString('hex'),
    writeId?: string,
  ) {
    // The ledger refuses this too; said here first, so whether the patient exists is not.
    if (session.role === 'patient' && session.userId !== patientId) {
      throw new ApiError(
        'FORBIDDEN',
        `${session.userId} may not write the records of ${patientId}`,
        {
          reason: 'NOT_YOURS',
        },
      );
    }
    const key = await this.dataKeys.keyOf(patientId).catch(() => {
      throw new ApiError('NOT_FOUND', `no patient ${patientId}`);
    });
    const { sealed, contentHash: hash } = sealContent(
      key,
      patientId,
      upload,
      withDerivedValues(content),
    );
    const staged: PendingContent = {
      _id: upload,
      patientId,
      category: content.category,
      sealed,
      sealedTitle: sealTitle(key, patientId, upload, titleOf(content)),
      contentHash: hash,
      createdAt: new Date(),
      createdBy: session.userId,
      ...(writeId ? { writeId } : {}),
    };
    await this.store.pending.insertOne(staged);
    return staged;
  }

  /**
   * Commits the staged version's hash on the ledger, then keeps the version as committed.
   * Its endorsed transaction is kept with it before it is ordered. The staged copy is dropped
   * only when nothing was written: nothing was ordered, or the ledger refused (a 4xx). When
   * the outcome is unknown it stays, and the reconciler sends the same transaction again
   * until the ledger says, so a hash the ledger did commit never points at nothing.
   */
  async #commit(
    staged: PendingContent,
    submit: (beforeOrdering: BeforeOrdering) => Promise<HealthRecord>,
  ) {
    let ordered = false;
    let record: HealthRecord;
    try {
      record = await submit(async ({ transactionId, bytes }) => {
        await this.store.keepTransaction(staged, transactionId, bytes);
        ordered = true;
      });
    } catch (error) {
      const refused = error instanceof ApiError && error.status < 500;
      // If the store is down too, the reconciler drops it later.
      if (!ordered || refused) await this.store.rollBack(staged).catch(() => undefined);
      throw error;
    }
    await this.#keepCommitted(staged, record);
    return record;
  }

  /**
   * Keeps a version the ledger committed. The store may be busy for a moment: a few quick
   * retries, then 503 (the version stays staged and is finished in the background).
   */
  async #keepCommitted(staged: PendingContent, record: HealthRecord) {
    for (const pauseMs of commitRetryPausesMs) {
      try {
        return await this.store.commit(staged, recordSummary.parse(record));
      } catch {
        await sleep(pauseMs);
      }
    }
    this.#finishLater(staged, record);
    throw new ApiError(
      'UNAVAILABLE',
      `record ${record.recordId} v${record.version} is on the ledger; its content is being stored, read it again in a few seconds`,
      undefined,
      5,
    );
  }

  /** Keeps retrying in the background; the reconciler takes over if this too gives up. */
  #finishLater(staged: PendingContent, record: HealthRecord, attempt = 1) {
    setTimeout(() => {
      this.store.commit(staged, recordSummary.parse(record)).catch(() => {
        if (attempt < backgroundAttempts) this.#finishLater(staged, record, attempt + 1);
      });
    }, 2000).unref();
  }

  async #integrity(session: Session, record: HealthRecord, problem: IntegrityProblem) {
    await this.store.alerts.raise({
      recordId: record.recordId,
      version: record.version,
      patientId: record.patientId,
      problem,
      detectedAt: new Date(),
      detectedBy: session.userId,
    });
    return new ApiError(
      'INTEGRITY',
      `record ${record.recordId} v${record.version} failed its integrity check`,
      {
        problem,
      },
    );
  }
}

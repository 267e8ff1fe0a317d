import { randomBytes } from 'node:crypto';
import type { Session } from '../accounts/session.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { DecryptionError } from '../crypto/envelope.js';
import { fromStored } from '../crypto/stored.js';
import { ApiError } from '../http/api-error.js';
import type { Ledger } from '../ledger/ledger.js';
import {
  recordSummary,
  withDerivedValues,
  type HealthRecord,
  type IntegrityProblem,
  type RecordContent,
  type RecordListing,
  type RecordRead,
  type RecordSummary,
  type StoredContent,
} from '@patrec/contract';
import { contentHash, openContent, sealContent } from './content-seal.js';
import type { RecordContents, ContentVersion } from './record-contents.js';

/**
 * Record contents: sealed off-chain, their hash on the ledger. Writes store the sealed
 * version as pending, commit its hash, then mark it committed (and remove it when the
 * ledger refuses). Reads go through the consent-checked AccessRecord transaction, then
 * check the stored ciphertext against the ledger's hash before decrypting; a mismatch is
 * an integrity error for auditors, never served.
 */
export class RecordsService {
  constructor(
    readonly store: RecordContents,
    readonly dataKeys: DataKeys,
    readonly ledger: Ledger,
  ) {}

  async create(
    session: Session,
    patientId: string,
    content: RecordContent,
  ): Promise<RecordSummary> {
    const { stored, upload } = await this.#stage(session, patientId, content);
    const record = await this.#commit(upload, () =>
      this.ledger.as(session.userId, (ledger) =>
        ledger.records.createRecord({
          patientId,
          category: content.category,
          contentHash: stored.contentHash,
        }),
      ),
    );
    return recordSummary.parse(record);
  }

  async update(
    session: Session,
    recordId: string,
    content: RecordContent,
    expectedVersion: number,
  ): Promise<RecordSummary> {
    // The category of a record never changes; our own committed copy says which it is.
    const current = await this.store.contents.findOne({ recordId, state: 'committed' });
    if (!current) throw new ApiError('NOT_FOUND', `no record ${recordId}`);
    if (current.category !== content.category) {
      throw new ApiError(
        'UNPROCESSABLE',
        `record ${recordId} is ${current.category}, not ${content.category}`,
      );
    }
    const { stored, upload } = await this.#stage(session, current.patientId, content);
    const record = await this.#commit(upload, () =>
      this.ledger.as(session.userId, (ledger) =>
        ledger.records.updateRecord({ recordId, contentHash: stored.contentHash, expectedVersion }),
      ),
    );
    return recordSummary.parse(record);
  }

  /** The consent-checked read: logged on the ledger, verified against its hash, decrypted. */
  async read(session: Session, recordId: string): Promise<RecordRead> {
    const { access, record } = await this.ledger.as(session.userId, (ledger) =>
      ledger.access.accessRecord({ recordId }),
    );
    const stored = await this.store.committed(recordId, record.version);
    if (!stored) throw await this.#integrity(session, record, 'missing');
    const sealed = fromStored(stored.sealed);
    if (contentHash(sealed) !== record.contentHash || stored.patientId !== record.patientId) {
      throw await this.#integrity(session, record, 'hash-mismatch');
    }
    let content: StoredContent;
    try {
      content = openContent(
        await this.dataKeys.keyOf(record.patientId),
        record.patientId,
        stored._id,
        sealed,
      );
    } catch (error) {
      if (error instanceof DecryptionError)
        throw await this.#integrity(session, record, 'does-not-decrypt');
      throw error;
    }
    return {
      record: recordSummary.parse(record),
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
    await this.ledger.as(session.userId, (ledger) => ledger.records.deleteRecord({ recordId }));
    await this.store.contents.deleteMany({ recordId });
  }

  /** A patient's record IDs, categories and dates: their own list, or a doctor's directory. */
  async directory(session: Session, patientId: string): Promise<RecordListing> {
    return this.ledger.as(session.userId, async (ledger) => {
      if (session.role === 'doctor') return ledger.access.getRecordDirectory({ patientId });
      const page = await ledger.records.listRecords({ patientId, pageSize: 100 });
      return { records: page.items.map((record) => recordSummary.parse(record)) };
    });
  }

  async #stage(session: Session, patientId: string, content: RecordContent) {
    const key = await this.dataKeys.keyOf(patientId).catch(() => {
      throw new ApiError('NOT_FOUND', `no patient ${patientId}`);
    });
    const upload = randomBytes(16).toString('hex');
    const { sealed, contentHash: hash } = sealContent(
      key,
      patientId,
      upload,
      withDerivedValues(content),
    );
    const stored: ContentVersion = {
      _id: upload,
      patientId,
      recordId: null,
      version: null,
      state: 'pending',
      category: content.category,
      sealed,
      contentHash: hash,
      createdAt: new Date(),
      createdBy: session.userId,
    };
    await this.store.contents.insertOne(stored);
    return { stored, upload };
  }

  /** Commits on the ledger; marks the staged version committed, or removes it if refused. */
  async #commit(upload: string, submit: () => Promise<HealthRecord>) {
    let record: HealthRecord;
    try {
      record = await submit();
    } catch (error) {
      await this.store.contents.deleteOne({ _id: upload });
      throw error;
    }
    await this.store.contents.updateOne(
      { _id: upload },
      { $set: { recordId: record.recordId, version: record.version, state: 'committed' } },
    );
    return record;
  }

  async #integrity(session: Session, record: HealthRecord, problem: IntegrityProblem) {
    await this.store.alerts.insertOne({
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

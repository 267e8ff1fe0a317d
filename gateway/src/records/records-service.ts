import { randomBytes } from 'node:crypto';
import type { Session } from '../accounts/session.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { DecryptionError } from '../crypto/envelope.js';
import { fromStored } from '../crypto/stored.js';
import { ApiError } from '../http/api-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { withDerivedValues, type RecordContent } from './clinical-forms.js';
import { contentHash, openContent, sealContent } from './content-seal.js';
import type { IntegrityAlert, RecordContents, StoredContent } from './record-contents.js';

/** A record's metadata as the ledger holds it. */
export interface LedgerRecord {
  recordId: string;
  patientId: string;
  category: string;
  contentHash: string;
  version: number;
  status: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

interface AccessEntry {
  accessId: string;
  consentId: string | null;
  emergency: boolean;
  accessedAt?: string;
}

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

  async create(session: Session, patientId: string, content: RecordContent) {
    const { stored, upload } = await this.#stage(session, patientId, content);
    const record = await this.#commit(upload, () =>
      this.ledger.as(session.userId, async (c) =>
        parse<LedgerRecord>(
          await c.submit('records:CreateRecord', patientId, content.category, stored.contentHash),
        ),
      ),
    );
    return summary(record);
  }

  async update(
    session: Session,
    recordId: string,
    content: RecordContent,
    expectedVersion: number,
  ) {
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
      this.ledger.as(session.userId, async (c) =>
        parse<LedgerRecord>(
          await c.submit(
            'records:UpdateRecord',
            recordId,
            stored.contentHash,
            String(expectedVersion),
          ),
        ),
      ),
    );
    return summary(record);
  }

  /** The consent-checked read: logged on the ledger, verified against its hash, decrypted. */
  async read(session: Session, recordId: string) {
    const { access, record } = await this.ledger.as(session.userId, async (c) =>
      parse<{ access: AccessEntry; record: LedgerRecord }>(
        await c.submit('access:AccessRecord', recordId),
      ),
    );
    const stored = await this.store.committed(recordId, record.version);
    if (!stored) throw await this.#integrity(session, record, 'missing');
    const sealed = fromStored(stored.sealed);
    if (contentHash(sealed) !== record.contentHash || stored.patientId !== record.patientId) {
      throw await this.#integrity(session, record, 'hash-mismatch');
    }
    let content: unknown;
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
      record: summary(record),
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
    await this.ledger.as(session.userId, (c) => c.submit('records:DeleteRecord', recordId));
    await this.store.contents.deleteMany({ recordId });
  }

  /** A patient's record IDs, categories and dates: their own list, or a doctor's directory. */
  async directory(session: Session, patientId: string) {
    return this.ledger.as(session.userId, async (c) => {
      if (session.role === 'doctor') {
        return parse<{ records: DirectoryEntry[] }>(
          await c.submit('access:GetRecordDirectory', patientId),
        );
      }
      const page = parse<{ items: LedgerRecord[] }>(
        await c.evaluate('records:ListRecords', patientId, '100', ''),
      );
      return { records: page.items.map(summary) };
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
    const stored: StoredContent = {
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
  async #commit(upload: string, submit: () => Promise<LedgerRecord>) {
    let record: LedgerRecord;
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

  async #integrity(session: Session, record: LedgerRecord, problem: IntegrityAlert['problem']) {
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

interface DirectoryEntry {
  recordId: string;
  category: string;
  createdAt: string;
  updatedAt: string;
}

function summary(record: LedgerRecord) {
  return {
    recordId: record.recordId,
    patientId: record.patientId,
    category: record.category,
    version: record.version,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

const parse = <T>(json: string) => JSON.parse(json) as T;

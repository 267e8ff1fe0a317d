import type { Collection, Db } from 'mongodb';
import type { Category, IntegrityAlert as ReportedAlert } from '@patrec/contract';
import type { StoredSealed } from '../crypto/stored.js';

/**
 * One version of a record's contents, sealed under the patient's data key. `pending` until
 * its hash is committed on the ledger; reads serve only `committed` versions.
 */
export interface ContentVersion {
  /** Random upload ID, fixed before the ledger allocates the record ID. */
  _id: string;
  patientId: string;
  recordId: string | null;
  version: number | null;
  state: 'pending' | 'committed';
  category: Category;
  sealed: StoredSealed;
  /** SHA-256 of iv ‖ tag ‖ ciphertext: what the ledger holds for this version. */
  contentHash: string;
  createdAt: Date;
  createdBy: string;
}

/** An integrity alert as stored: as auditors see it, with the time as a date. */
export type IntegrityAlert = Omit<ReportedAlert, 'detectedAt'> & { detectedAt: Date };

export class RecordContents {
  readonly contents: Collection<ContentVersion>;
  readonly alerts: Collection<IntegrityAlert>;

  constructor(db: Db) {
    this.contents = db.collection<ContentVersion>('recordContents');
    this.alerts = db.collection<IntegrityAlert>('integrityAlerts');
  }

  committed(recordId: string, version: number) {
    return this.contents.findOne({ recordId, version, state: 'committed' });
  }
}

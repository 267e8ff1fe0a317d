import type { Collection, Db } from 'mongodb';
import type { PreparedWrite } from '../ledger/ledger.js';

/** A batch of reads answered before it was ordered: its signed transaction, to send again. */
export interface ReadReceipt {
  /** The transaction ID. */
  _id: string;
  /** The signed transaction, base64, as it goes to the orderers. */
  transaction: string;
  keptAt: Date;
}

/**
 * Receipts of batches whose reads were answered and that are not yet known to be on the
 * ledger. Only the unsettled are kept, so the collection stays as small as the batches in
 * flight (plus those a crash left, which the gateway sends again when it starts).
 */
export class ReadReceipts {
  readonly receipts: Collection<ReadReceipt>;

  constructor(db: Db) {
    this.receipts = db.collection<ReadReceipt>('readReceipts');
  }

  async keep(prepared: PreparedWrite): Promise<void> {
    await this.receipts.insertOne({
      _id: prepared.transactionId,
      transaction: Buffer.from(prepared.bytes).toString('base64'),
      keptAt: new Date(),
    });
  }

  async drop(transactionId: string): Promise<void> {
    await this.receipts.deleteOne({ _id: transactionId });
  }

  /** The oldest unsettled receipts, at most `limit`. */
  unsettled(limit: number): Promise<ReadReceipt[]> {
    return this.receipts.find({}).limit(limit).toArray();
  }
}

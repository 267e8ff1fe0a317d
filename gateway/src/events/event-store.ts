import type { Collection, Db } from 'mongodb';
import type { LedgerEvent } from '@patrec/contract';

interface StoredEvent extends LedgerEvent {
  _id: string;
  storedAt: Date;
}

interface StoredCheckpoint {
  _id: string;
  blockNumber: number;
  transactionId: string;
}

/** How long events stay for clients that reconnect (Last-Event-ID). */
const keepMs = 7 * 24 * 3600_000;

/**
 * Ledger events kept for a week, so a browser that reconnects gets what it missed, and the
 * listener's checkpoint, so a restarted gateway resumes where it stopped.
 */
export class EventStore {
  readonly #events: Collection<StoredEvent>;
  readonly #checkpoints: Collection<StoredCheckpoint>;

  constructor(db: Db) {
    this.#events = db.collection<StoredEvent>('ledgerEvents');
    this.#checkpoints = db.collection<StoredCheckpoint>('eventCheckpoints');
  }

  /** Stores an event once; replays after a restart find it there already. */
  async add(event: LedgerEvent) {
    await this.#events.updateOne(
      { _id: `${event.blockNumber}:${event.txId}` },
      { $setOnInsert: { ...event, storedAt: new Date() } },
      { upsert: true },
    );
  }

  async after(seq: number, limit = 200): Promise<LedgerEvent[]> {
    const stored = await this.#events
      .find({ seq: { $gt: seq } })
      .sort({ seq: 1 })
      .limit(limit)
      .toArray();
    return stored.map(({ seq: s, name, ids, txId, blockNumber }) => ({
      seq: s,
      name,
      ids,
      txId,
      blockNumber,
    }));
  }

  async prune(now = Date.now()) {
    await this.#events.deleteMany({ storedAt: { $lt: new Date(now - keepMs) } });
  }

  async checkpoint(listener: string) {
    return this.#checkpoints.findOne({ _id: listener });
  }

  async saveCheckpoint(listener: string, blockNumber: number, transactionId: string) {
    await this.#checkpoints.updateOne(
      { _id: listener },
      { $set: { blockNumber, transactionId } },
      { upsert: true },
    );
  }
}

import type { Collection, Db } from 'mongodb';
import type { LedgerEvent } from '@patrec/contract';

/**
 * An event as kept: `_id` is its seq, and `next` the seq of the event after it, so a replay
 * walks the chain by `_id` (the embedded store serves only `_id` lookups from an index).
 */
interface StoredEvent extends LedgerEvent {
  _id: string;
  next: number | null;
  storedAt: Date;
}

interface StoredCheckpoint {
  _id: string;
  blockNumber: number;
  transactionId: string;
  /** The seq of the last event kept, which the next one is chained to. */
  lastSeq?: number;
}

/** How long events stay for clients that reconnect (Last-Event-ID). */
const keepMs = 7 * 24 * 3600_000;

const eventKey = (seq: number) => String(seq);

/** An unordered insert that failed only on documents kept already. */
function isOnlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number }[] }).writeErrors;
  return (
    (error as { code?: number }).code === 11000 ||
    (Array.isArray(writeErrors) && writeErrors.every((e) => e.code === 11000))
  );
}

const asEvent = ({ seq, name, ids, txId, blockNumber }: StoredEvent): LedgerEvent => ({
  seq,
  name,
  ids,
  txId,
  blockNumber,
});

/**
 * Ledger events kept for a week, so a browser that reconnects gets what it missed, and the
 * listener's checkpoint, so a restarted gateway resumes where it stopped.
 */
export class EventStore {
  readonly #events: Collection<StoredEvent>;
  readonly #checkpoints: Collection<StoredCheckpoint>;

  constructor(readonly db: Db) {
    this.#events = db.collection<StoredEvent>('ledgerEventChain');
    this.#checkpoints = db.collection<StoredCheckpoint>('eventCheckpoints');
  }

  /**
   * Drops the events kept before they were chained (`ledgerEvents`, read by a scan): a
   * browser reconnecting across the upgrade misses at most those. Once, at start-up.
   */
  async migrate() {
    const old = this.db.listCollections({ name: 'ledgerEvents' }, { nameOnly: true });
    if ((await old.toArray()).length > 0) await this.db.collection('ledgerEvents').drop();
  }

  /**
   * Keeps events (in order) chained to each other, and the one before them (`previous`) to
   * the first: one insert and one update whatever their number. Events kept already (a
   * replay after a restart) stay as they are.
   */
  async addAll(events: LedgerEvent[], previous: number | undefined) {
    const first = events[0];
    if (!first) return;
    const storedAt = new Date();
    const docs = events.map((event, i) => ({
      ...event,
      _id: eventKey(event.seq),
      next: events[i + 1]?.seq ?? null,
      storedAt,
    }));
    await this.#events.insertMany(docs, { ordered: false }).catch((error: unknown) => {
      if (!isOnlyDuplicates(error)) throw error;
    });
    if (previous !== undefined && previous < first.seq) {
      await this.#events.updateOne({ _id: eventKey(previous) }, { $set: { next: first.seq } });
    }
  }

  async get(seq: number): Promise<LedgerEvent | undefined> {
    const stored = await this.#events.findOne({ _id: eventKey(seq) });
    return stored ? asEvent(stored) : undefined;
  }

  /** Up to `limit` events after `seq`, following the chain from the event the client saw. */
  async after(seq: number, limit = 200): Promise<LedgerEvent[]> {
    const events: LedgerEvent[] = [];
    let next = (await this.#events.findOne({ _id: eventKey(seq) }))?.next ?? null;
    while (next !== null && events.length < limit) {
      const stored = await this.#events.findOne({ _id: eventKey(next) });
      if (!stored) break;
      events.push(asEvent(stored));
      next = stored.next;
    }
    return events;
  }

  /** Drops events older than a week; periodic, off the request path. */
  async prune(now = Date.now()) {
    await this.#events.deleteMany({ storedAt: { $lt: new Date(now - keepMs) } });
  }

  async checkpoint(listener: string) {
    return this.#checkpoints.findOne({ _id: listener });
  }

  async saveCheckpoint(
    listener: string,
    blockNumber: number,
    transactionId: string,
    lastSeq: number | undefined,
  ) {
    await this.#checkpoints.updateOne(
      { _id: listener },
      { $set: { blockNumber, transactionId, ...(lastSeq === undefined ? {} : { lastSeq }) } },
      { upsert: true },
    );
  }
}

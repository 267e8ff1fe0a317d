import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { RecordSummary } from '@patrec/contract';
import { ApiError } from '../http/api-error.js';
import { insertIfAbsent } from '../store/store-helpers.js';

/** A write under a client's Idempotency-Key; `_id` is `<caller>:<key>`. */
interface IdempotentWrite {
  _id: string;
  /** SHA-256 of what was asked, so a key reused for another request is refused. */
  requestHash: string;
  /** The staged upload the write keeps its content under. */
  uploadId: string;
  /** What the write answered, once the ledger holds it (request, background or reconciler). */
  committed: RecordSummary | null;
  createdAt: Date;
}

/** A key's claim: the upload to stage under, and the ID to mark its outcome by. */
export interface Claim {
  writeId: string;
  uploadId: string;
}

/** The first write with this key has not been resolved yet; its content is staged as `uploadId`. */
export class WriteInFlight extends ApiError {
  constructor(readonly uploadId: string) {
    super(
      'CONFLICT',
      'the write with this Idempotency-Key is still being resolved; send it again in a few seconds',
      undefined,
      5,
    );
  }
}

/** Keys are kept this long: a client retries within minutes, not days. */
const keptMs = 24 * 3600_000;

export const requestHashOf = (request: unknown) =>
  createHash('sha256').update(JSON.stringify(request)).digest('hex');

/**
 * Record writes made at most once per Idempotency-Key: a client that did not hear the answer
 * (a dropped connection, a 503) sends the same request with the same key and gets the version
 * the first one wrote, never a second record. Everything is looked up by `_id`.
 */
export class IdempotentWrites {
  readonly #writes: Collection<IdempotentWrite>;

  constructor(
    db: Db,
    /** Whether a staged upload still waits to be committed or rolled back. */
    readonly isStaged: (uploadId: string) => Promise<boolean>,
    /** How long a write may be in flight before a claim without a staged upload is stale. */
    readonly inFlightMs = 2 * 60_000,
  ) {
    this.#writes = db.collection<IdempotentWrite>('idempotentWrites');
  }

  /**
   * Claims the key for this request, or answers how the first request with it ended: what
   * it answered when committed; 409 (WriteInFlight) while it is still being resolved; 422 for
   * another request.
   */
  async claim(
    caller: string,
    key: string,
    request: unknown,
    uploadId: string,
  ): Promise<Claim | RecordSummary> {
    const writeId = `${caller}:${key}`;
    const requestHash = requestHashOf(request);
    const fresh = { _id: writeId, requestHash, uploadId, committed: null, createdAt: new Date() };
    if (await insertIfAbsent(this.#writes, fresh)) return { writeId, uploadId };
    const first = await this.#writes.findOne({ _id: writeId });
    if (!first) return this.claim(caller, key, request, uploadId);
    if (first.requestHash !== requestHash) {
      throw new ApiError('UNPROCESSABLE', 'this Idempotency-Key was used for a different request');
    }
    if (first.committed) return first.committed;
    const stale = Date.now() - first.createdAt.getTime() > this.inFlightMs;
    if (stale && !(await this.isStaged(first.uploadId))) {
      // Rolled back (the ledger never took it) or never staged: the key is free again.
      await this.#writes.deleteOne({ _id: writeId });
      return this.claim(caller, key, request, uploadId);
    }
    throw new WriteInFlight(first.uploadId);
  }

  /** The ledger holds the version: repeats answer what the write answered. */
  async committed(writeId: string, summary: RecordSummary) {
    await this.#writes.updateOne({ _id: writeId }, { $set: { committed: summary } });
  }

  /** The ledger refused or never got the write: the key may be used again. */
  async release(writeId: string) {
    await this.#writes.deleteOne({ _id: writeId });
  }

  /** Drops keys older than a day; periodic, off the request path. */
  async prune(now = Date.now()) {
    await this.#writes.deleteMany({ createdAt: { $lt: new Date(now - keptMs) } });
  }
}

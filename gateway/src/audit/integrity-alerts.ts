import type { Collection, Db } from 'mongodb';
import type { IntegrityAlert as ReportedAlert, Page } from '@patrec/contract';
import { ApiError } from '../http/api-error.js';
import { migrateOnce } from '../store/store-helpers.js';

/** An integrity alert as stored: as auditors see it, with the time as a date. */
export type IntegrityAlert = Omit<ReportedAlert, 'detectedAt'> & { detectedAt: Date };

/** `_id` is the alert's number: 1 for the first ever raised. */
interface NumberedAlert extends IntegrityAlert {
  _id: string;
}

interface Counter {
  _id: string;
  count: number;
}

const COUNTER = 'integrityAlerts';
/** A bookmark is the number of the next (older) alert to show. */
const BOOKMARK = /^[1-9][0-9]{0,14}$/;

/**
 * Records whose stored contents failed a check against the ledger, numbered as they are
 * raised: a page, newest first, is a run of `_id` lookups down from the latest number, which
 * the embedded store serves from its index whatever the number of alerts.
 */
export class IntegrityAlerts {
  readonly #alerts: Collection<NumberedAlert>;
  readonly #counters: Collection<Counter>;

  constructor(readonly db: Db) {
    this.#alerts = db.collection<NumberedAlert>('integrityAlertLog');
    this.#counters = db.collection<Counter>('counters');
  }

  async raise(alert: IntegrityAlert) {
    const counted = await this.#counters.findOneAndUpdate(
      { _id: COUNTER },
      { $inc: { count: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    await this.#alerts.insertOne({ ...alert, _id: String(counted!.count) });
  }

  async page(pageSize: number, bookmark: string): Promise<Page<IntegrityAlert>> {
    if (bookmark !== '' && !BOOKMARK.test(bookmark)) {
      throw new ApiError('INVALID_ARGUMENT', 'bookmark is not one this list returned');
    }
    const latest = bookmark
      ? Number(bookmark)
      : ((await this.#counters.findOne({ _id: COUNTER }))?.count ?? 0);
    const lowest = Math.max(1, latest - pageSize + 1);
    const numbers = Array.from({ length: Math.max(0, latest - lowest + 1) }, (_, i) => latest - i);
    // A number whose insert failed after it was counted has no alert: it is skipped.
    const found = await Promise.all(
      numbers.map((n) => this.#alerts.findOne({ _id: String(n) }, { projection: { _id: 0 } })),
    );
    return {
      items: found.filter((alert): alert is NumberedAlert => alert !== null),
      bookmark: lowest > 1 ? String(lowest - 1) : '',
    };
  }

  /**
   * Numbers the alerts kept before they were numbered (`integrityAlerts`, listed by a scan
   * and a sort), oldest first: once per database, at start-up.
   */
  async migrate() {
    await migrateOnce(this.db, 'integrityAlertLog', async () => {
      const old = this.db.collection<IntegrityAlert & { _id: unknown }>('integrityAlerts');
      for await (const { _id, ...alert } of old.find({}).sort({ detectedAt: 1 })) {
        await this.raise(alert);
        await old.deleteOne({ _id });
      }
    });
  }
}

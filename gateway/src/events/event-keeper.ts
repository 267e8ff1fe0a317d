import type { LedgerEvent } from '@patrec/contract';
import type { Logger } from 'pino';

/** What the keeper needs of the store. */
export interface EventSink {
  addAll(events: LedgerEvent[], previous: number | undefined): Promise<void>;
  saveCheckpoint(
    listener: string,
    blockNumber: number,
    transactionId: string,
    lastSeq: number | undefined,
  ): Promise<void>;
}

type Item = { event: LedgerEvent } | { resumeAt: number };

/**
 * Keeps published events in the store behind the live stream: whatever arrived while the
 * store was busy goes in as one batch (one insert, one link, one checkpoint), so a busy
 * store slows the replay record, never live delivery, and the keeper keeps up at any rate.
 */
export class EventKeeper {
  readonly #queue: Item[] = [];
  #draining: Promise<void> | undefined;
  #lastSeq: number | undefined;
  #stopped = false;

  constructor(
    readonly sink: EventSink,
    readonly listener: string,
    lastSeq: number | undefined,
    readonly log: Logger,
    readonly retryMs = 1000,
  ) {
    this.#lastSeq = lastSeq;
  }

  keep(event: LedgerEvent) {
    this.#queue.push({ event });
    this.#drain();
  }

  /** Every event before `blockNumber` has been handed over: a restart may resume there. */
  resumeAt(blockNumber: number) {
    this.#queue.push({ resumeAt: blockNumber });
    this.#drain();
  }

  /**
   * Stops keeping: what is not stored yet is dropped, and read again from the checkpoint by
   * the next listener (it never moved past it).
   */
  stop() {
    this.#stopped = true;
    this.#queue.length = 0;
  }

  /** Resolves once everything handed over so far is stored. */
  async settled(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  #drain() {
    this.#draining ??= this.#run().finally(() => (this.#draining = undefined));
  }

  async #run() {
    while (this.#queue.length > 0 && !this.#stopped) {
      const batch = this.#queue.splice(0);
      const events = batch.flatMap((item) => ('event' in item ? [item.event] : []));
      const resumeAt = batch.flatMap((item) => ('resumeAt' in item ? [item.resumeAt] : [])).at(-1);
      try {
        if (events.length > 0) await this.sink.addAll(events, this.#lastSeq);
        const lastSeq = events.at(-1)?.seq ?? this.#lastSeq;
        if (resumeAt !== undefined) {
          await this.sink.saveCheckpoint(this.listener, resumeAt, '', lastSeq);
        }
        this.#lastSeq = lastSeq;
      } catch (error) {
        // Put the batch back in front and try again: events are kept in order, once.
        if (this.#stopped) return;
        this.#queue.unshift(...batch);
        this.log.warn({ err: error, retryInMs: this.retryMs }, 'keeping ledger events failed');
        await new Promise((resolve) => setTimeout(resolve, this.retryMs).unref());
      }
    }
  }
}

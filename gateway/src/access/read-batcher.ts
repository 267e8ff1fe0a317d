import type { ReadOutcome, SignedRead } from '@patrec/contract';
import { MAX_READS_PER_BATCH } from '@patrec/contract';

/**
 * Carries a batch to the ledger. It calls `served` once the outcomes may be answered (the
 * batch endorsed and its receipt kept), and resolves when the batch is settled on the
 * ledger; a failure before `served` fails every read of the batch.
 */
export type CarryReads = (
  reads: SignedRead[],
  served: (outcomes: ReadOutcome[]) => void,
) => Promise<void>;

interface WaitingRead {
  read: SignedRead;
  answer: (outcome: ReadOutcome) => void;
  fail: (error: unknown) => void;
}

export interface BatchingOptions {
  /** How long the first read of a batch waits for others. */
  gatherMs: number;
  maxReads: number;
  /** Batches on their way to being served at once; more reads wait for the next. */
  maxInFlight: number;
}

const defaults: BatchingOptions = { gatherMs: 10, maxReads: MAX_READS_PER_BATCH, maxInFlight: 2 };

/**
 * Gathers reads into batches: a batch leaves when it is full or its first read has waited
 * `gatherMs`, and at most `maxInFlight` batches wait to be served at a time.
 */
export class ReadBatcher {
  readonly #waiting: WaitingRead[] = [];
  readonly #options: BatchingOptions;
  #timer: NodeJS.Timeout | undefined;
  #inFlight = 0;
  readonly #settling = new Set<Promise<void>>();

  constructor(
    readonly carry: CarryReads,
    readonly onSettleError: (error: unknown) => void,
    options: Partial<BatchingOptions> = {},
  ) {
    this.#options = { ...defaults, ...options };
  }

  read(read: SignedRead): Promise<ReadOutcome> {
    return new Promise((answer, fail) => {
      this.#waiting.push({ read, answer, fail });
      if (this.#waiting.length >= this.#options.maxReads) this.#leave();
      else this.#timer ??= setTimeout(() => this.#leave(), this.#options.gatherMs);
    });
  }

  /** Resolves once every batch carried so far is settled on the ledger (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#settling.size > 0) await Promise.allSettled([...this.#settling]);
  }

  #leave(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#waiting.length > 0 && this.#inFlight < this.#options.maxInFlight) {
      this.#send(this.#waiting.splice(0, this.#options.maxReads));
    }
  }

  #send(batch: WaitingRead[]): void {
    this.#inFlight += 1;
    let open = true;
    const done = () => {
      if (!open) return;
      open = false;
      this.#inFlight -= 1;
      if (this.#waiting.length > 0) this.#leave();
    };
    const served = (outcomes: ReadOutcome[]) => {
      const byRequest = new Map(outcomes.map((outcome) => [outcome.requestId, outcome]));
      for (const { read, answer, fail } of batch) {
        const outcome = byRequest.get(read.requestId);
        if (outcome) answer(outcome);
        else fail(new Error(`the ledger answered no outcome for read ${read.requestId}`));
      }
      done();
    };
    const settling = this.carry(
      batch.map((waiting) => waiting.read),
      served,
    )
      .catch((error: unknown) => {
        // Answered reads ignore this; the others learn why their batch failed.
        batch.forEach((waiting) => waiting.fail(error));
        if (!open) this.onSettleError(error);
      })
      .finally(() => {
        done();
        this.#settling.delete(settling);
      });
    this.#settling.add(settling);
  }
}

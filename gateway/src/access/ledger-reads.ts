import {
  isRecordedRefusal,
  parseLedgerError,
  readOutcome,
  type ReadOutcome,
  type RecordAccess,
  type SignedRead,
} from '@patrec/contract';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import type { EnrolledIdentity } from '../identity/hospital-ca.js';
import type { Ledger } from '../ledger/ledger.js';
import { toApiError } from '../ledger/ledger-errors.js';
import { settleOrderingTimes } from '../ledger/ordering.js';
import { ReadBatcher, type CarryReads } from './read-batcher.js';
import { RefusalAllowance } from './refusal-allowance.js';
import type { ReadReceipts } from './read-receipts.js';
import { readKeyOf, signedRead } from './read-signing.js';

const outcomes = z.array(readOutcome);

const decoder = new TextDecoder();

/**
 * Consent-checked record reads as the gateway makes them: each signed for its reader and
 * carried with others in one `access:RecordReads` transaction. A read is answered once the
 * peers endorsed its batch and the signed transaction is kept (the receipt that the access
 * reaches the ledger, sent again after a crash); the batch is ordered behind.
 */
export class LedgerReads {
  readonly #batcher: ReadBatcher;
  readonly #refusals = new RefusalAllowance();
  /** Readers whose current key this gateway registered or saw accepted. */
  readonly #registered = new Set<string>();

  constructor(
    readonly ledger: Ledger,
    readonly carrier: EnrolledIdentity,
    readonly receipts: ReadReceipts,
    readonly log: Logger,
  ) {
    this.#batcher = new ReadBatcher(this.#carry, (error) =>
      log.warn(
        { err: error },
        'a batch of served reads is not yet on the ledger; its receipt is kept',
      ),
    );
  }

  /** A read of the record's current version, or of the earlier `version` named. */
  async accessRecord(readerId: string, recordId: string, version?: number): Promise<RecordAccess> {
    const identity = await this.ledger.identities.identityOf(readerId);
    if (!identity) {
      throw new ApiError('FORBIDDEN', `${readerId} has no ledger identity`, {
        reason: 'NOT_REGISTERED',
      });
    }
    this.#refusals.check(readerId);
    for (let attempt = 1; ; attempt += 1) {
      const key = readKeyOf(identity);
      const known = `${readerId} ${key}`;
      if (!this.#registered.has(known)) {
        await this.ledger.as(readerId, (ledger) =>
          ledger.participants.registerReadKey({ publicKey: key }),
        );
        this.#registered.add(known);
      }
      const outcome = await this.#batcher.read(signedRead(identity, readerId, recordId, version));
      if ('access' in outcome) return outcome.access;
      const refusal = parseLedgerError(outcome.refusal);
      // Another gateway may have registered another key since: register this one again.
      if (attempt === 1 && refusal?.reason === 'SIGNATURE') {
        this.#registered.delete(known);
        continue;
      }
      if (refusal && isRecordedRefusal(refusal)) this.#refusals.refused(readerId);
      throw toApiError(new Error(outcome.refusal));
    }
  }

  /**
   * Sends again, as they are, the batches a crash (or a ledger that did not answer in time)
   * left with a receipt, and drops each receipt once the ledger said. `olderThanMs` leaves
   * alone the batches still on their way.
   */
  async resendReceipts(olderThanMs: number, now = Date.now()): Promise<number> {
    let settled = 0;
    for (const receipt of await this.receipts.unsettled(100)) {
      if (receipt.keptAt.getTime() > now - olderThanMs) continue;
      const bytes = Buffer.from(receipt.transaction, 'base64');
      const outcome = await this.ledger.outcomeOf(this.carrier, bytes, settleOrderingTimes);
      if (!outcome.committed) {
        // The reads were answered: this must not go unseen (see README, reads in batches).
        this.log.error(
          { transactionId: receipt._id, code: outcome.status.code },
          'a batch of answered reads did not commit',
        );
      }
      await this.receipts.drop(receipt._id);
      settled += 1;
    }
    return settled;
  }

  /** Resolves once every batch carried so far is settled on the ledger. */
  settled(): Promise<void> {
    return this.#batcher.settled();
  }

  readonly #carry: CarryReads = async (reads: SignedRead[], served) => {
    let answered: ReadOutcome[] | undefined;
    const committed = await this.#submitKept({ reads }, (endorsed) => {
      answered ??= endorsed;
      served(endorsed);
    });
    await this.#logAnswered(reads, answered ?? [], committed);
  };

  /**
   * Submits a batch, each endorsement of it kept as a receipt until the ledger settled it
   * (one an MVCC conflict invalidated is replaced by the next); the committed outcomes.
   */
  async #submitKept(
    batch: { reads: SignedRead[]; served?: string[] },
    endorsed?: (outcomes: ReadOutcome[]) => void,
  ): Promise<ReadOutcome[]> {
    let kept: string | undefined;
    const committed = await this.ledger.withIdentity(
      this.carrier,
      (ledger) => ledger.access.recordReads(batch),
      async (prepared) => {
        await this.receipts.keep(prepared);
        if (kept) await this.receipts.drop(kept);
        kept = prepared.transactionId;
        endorsed?.(outcomes.parse(JSON.parse(decoder.decode(prepared.result))));
      },
    );
    if (kept) await this.receipts.drop(kept);
    return committed;
  }

  /**
   * Reads answered from an endorsement that an MVCC conflict then invalidated, and refused
   * when endorsed again (their grant was revoked in between): what was read must still be
   * logged, so they are sent once more as answered, under the grant in force when asked.
   */
  async #logAnswered(reads: SignedRead[], answered: ReadOutcome[], committed: ReadOutcome[]) {
    const refused = new Set(committed.filter((o) => 'refusal' in o).map((o) => o.requestId));
    const unlogged = answered
      .filter((o) => 'access' in o && refused.has(o.requestId))
      .map((o) => o.requestId);
    if (unlogged.length === 0) return;
    const late = reads.filter((read) => unlogged.includes(read.requestId));
    for (const outcome of await this.#submitKept({ reads: late, served: unlogged })) {
      if ('refusal' in outcome) {
        this.log.error(
          { requestId: outcome.requestId, refusal: outcome.refusal },
          'an answered read could not be logged',
        );
      }
    }
  }
}

import type { Logger } from 'pino';
import type { EnrolledIdentity } from '../identity/hospital-ca.js';
import type { Ledger } from '../ledger/ledger.js';
import { settleOrderingTimes } from '../ledger/ordering.js';
import type { PendingContent, RecordContents } from './record-contents.js';
import { recordSummary, type HealthRecord } from '@patrec/contract';

export interface ReconcileReport {
  committed: number;
  rolledBack: number;
  /** Staged versions whose transaction the ledger has not yet decided: tried again later. */
  undecided: number;
}

/** How old a staged version must be before the reconciler decides it. */
export interface ReconcileAges {
  /** Looked into once its own write has had time to finish it. */
  commitAfterMs: number;
  /**
   * Dropped, when it carries no transaction and the ledger lacks its hash, only once no write
   * could still be endorsing it (a crash before ordering, or a gateway from before transactions
   * were kept).
   */
  rollBackAfterMs: number;
}

/** Staged versions decided at once. */
const concurrency = 8;

type Decision = 'committed' | 'rolledBack' | 'undecided';

/**
 * Finishes what a crash, or a ledger call whose outcome was unknown, left staged. A staged
 * version carrying its endorsed transaction is sent again as it is until the ledger says: kept
 * when it committed, dropped when the ledger refused it. One without (it never reached the
 * orderers, or was staged by an older gateway) is kept if the ledger holds its hash, else
 * dropped once old enough. Runs at start-up and then every few seconds; reads only the
 * staged versions, which are few.
 */
export async function reconcilePending(
  store: RecordContents,
  ledger: Ledger,
  auditor: EnrolledIdentity,
  log: Logger,
  ages: ReconcileAges = { commitAfterMs: 0, rollBackAfterMs: 0 },
  now = Date.now(),
): Promise<ReconcileReport> {
  const pending = await store.pending
    .find({ createdAt: { $lte: new Date(now - ages.commitAfterMs) } })
    .toArray();
  const report: ReconcileReport = { committed: 0, rolledBack: 0, undecided: 0 };
  const byHash = new HashLookup(ledger, auditor);
  const decide = async (content: PendingContent): Promise<Decision> => {
    try {
      if (content.transaction) return await settleByTransaction(store, ledger, auditor, content);
      const onLedger = await byHash.find(content);
      if (onLedger) {
        await store.commit(content, recordSummary.parse(onLedger));
        return 'committed';
      }
      if (content.createdAt.getTime() > now - ages.rollBackAfterMs) return 'undecided';
      await store.rollBack(content);
      return 'rolledBack';
    } catch (error) {
      log.warn({ err: error, uploadId: content._id }, 'a staged record write is still undecided');
      return 'undecided';
    }
  };
  for (let start = 0; start < pending.length; start += concurrency) {
    const decisions = await Promise.all(pending.slice(start, start + concurrency).map(decide));
    for (const decision of decisions) report[decision] += 1;
  }
  if (pending.length > 0) log.info(report, 'reconciled pending record writes');
  return report;
}

/**
 * Sends a staged version's kept transaction again, as it is, and acts on what the ledger
 * says: keeps the version when it committed, drops it when the ledger refused it. Throws
 * OutcomeUnknown when the ledger does not say in time (nothing is changed then).
 */
export async function settleByTransaction(
  store: RecordContents,
  ledger: Ledger,
  identity: EnrolledIdentity,
  content: PendingContent,
): Promise<'committed' | 'rolledBack'> {
  if (!content.transaction) throw new Error(`staged upload ${content._id} keeps no transaction`);
  const bytes = Buffer.from(content.transaction.bytes, 'base64');
  const outcome = await ledger.outcomeOf(identity, bytes, settleOrderingTimes);
  if (!outcome.committed) {
    await store.rollBack(content);
    return 'rolledBack';
  }
  await store.commit(content, recordSummary.parse(JSON.parse(outcome.result)));
  return 'committed';
}

/** The ledger's records of a patient, listed once per round, searched by content hash. */
class HashLookup {
  readonly #recordsOf = new Map<string, Promise<HealthRecord[]>>();

  constructor(
    readonly ledger: Ledger,
    readonly auditor: EnrolledIdentity,
  ) {}

  async find(content: PendingContent) {
    let records = this.#recordsOf.get(content.patientId);
    if (!records) {
      records = this.#list(content.patientId);
      this.#recordsOf.set(content.patientId, records);
    }
    return (await records).find((r) => r.contentHash === content.contentHash);
  }

  #list(patientId: string) {
    return this.ledger.withIdentity(this.auditor, async (client) => {
      const records: HealthRecord[] = [];
      let bookmark = '';
      do {
        const page = await client.records.listRecords({ patientId, pageSize: 100, bookmark });
        records.push(...page.items);
        bookmark = page.bookmark;
      } while (bookmark);
      return records;
    });
  }
}

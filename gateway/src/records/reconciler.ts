import type { Logger } from 'pino';
import type { EnrolledIdentity } from '../identity/hospital-ca.js';
import type { Ledger } from '../ledger/ledger.js';
import type { RecordContents } from './record-contents.js';
import { recordSummary, type HealthRecord } from '@patrec/contract';

export interface ReconcileReport {
  committed: number;
  rolledBack: number;
}

/** How old a staged version must be before the reconciler decides it. */
export interface ReconcileAges {
  /** Kept when the ledger holds its hash: safe at any age, so soon after its write. */
  commitAfterMs: number;
  /** Dropped when the ledger does not: only once its transaction cannot still commit. */
  rollBackAfterMs: number;
}

/**
 * Finishes what a crash (or a ledger call whose outcome was unknown) left staged: a staged
 * version whose hash the ledger holds is kept as committed; one the ledger never got is
 * removed once it is old enough that its transaction can no longer commit. Runs at start-up
 * and then every few seconds. It reads only the staged versions, which are few.
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
  const report: ReconcileReport = { committed: 0, rolledBack: 0 };
  const recordsOf = new Map<string, HealthRecord[]>();
  for (const content of pending) {
    let records = recordsOf.get(content.patientId);
    if (!records) {
      records = await ledgerRecordsOf(ledger, auditor, content.patientId);
      recordsOf.set(content.patientId, records);
    }
    const onLedger = records.find((r) => r.contentHash === content.contentHash);
    if (onLedger) {
      await store.commit(content, recordSummary.parse(onLedger));
      report.committed += 1;
    } else if (content.createdAt.getTime() <= now - ages.rollBackAfterMs) {
      await store.rollBack(content);
      report.rolledBack += 1;
    }
  }
  if (pending.length > 0) log.info(report, 'reconciled pending record writes');
  return report;
}

async function ledgerRecordsOf(ledger: Ledger, auditor: EnrolledIdentity, patientId: string) {
  return ledger.withIdentity(auditor, async (client) => {
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

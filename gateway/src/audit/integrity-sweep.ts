import type { Session } from '../accounts/session.js';
import { fromStored } from '../crypto/stored.js';
import type { Ledger } from '../ledger/ledger.js';
import { contentHash } from '../records/content-seal.js';
import type { SweepFinding, SweepResult } from '@patrec/contract';
import type { RecordContents, ContentVersion } from '../records/record-contents.js';

/**
 * Checks every stored record against the ledger: the newest committed version of each record
 * must hash to what the ledger holds for that record now. Each mismatch is reported and
 * becomes an integrity alert.
 */
export async function sweepIntegrity(
  session: Session,
  store: RecordContents,
  ledger: Ledger,
): Promise<SweepResult> {
  const newest = new Map<string, ContentVersion>();
  for await (const content of store.versions.find({})) {
    const seen = newest.get(content.recordId);
    if (!seen || seen.version < content.version) newest.set(content.recordId, content);
  }
  const findings: SweepFinding[] = [];
  await ledger.as(session.userId, async (client) => {
    for (const content of newest.values()) {
      const { recordId, version } = content;
      const actual = contentHash(fromStored(content.sealed));
      const onLedger = await client.audit.verifyRecordHash({ recordId, contentHash: actual });
      if (!onLedger.matches || onLedger.version !== version) {
        findings.push({ recordId, version, problem: 'hash-mismatch' });
      }
    }
  });
  for (const finding of findings) {
    const patientId = newest.get(finding.recordId)!.patientId;
    await store.alerts.insertOne({
      ...finding,
      patientId,
      detectedAt: new Date(),
      detectedBy: session.userId,
    });
  }
  return { checked: newest.size, findings };
}

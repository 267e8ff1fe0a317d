/** A write the gateway acknowledged with 201, and the tag its content carries. */
export interface AcknowledgedWrite {
  tag: string;
  patientId: string;
  recordId: string;
  /** `performance.now()` when its first attempt was sent, and when the 201 arrived. */
  startedAt: number;
  acknowledgedAt: number;
}

/** What reading a record (GET /api/records/:id) came to. */
export type ReadOutcome =
  | { kind: 'content'; tag: string | undefined }
  | { kind: 'not-found' }
  | { kind: 'integrity'; problem: string }
  /** No answer, or 5xx, after every retry: nothing could be checked. */
  | { kind: 'unavailable'; detail: string }
  /** Any other refusal (403, 401, …). */
  | { kind: 'refused'; status: number; detail: string };

/** A record that served another write's content, during the run or at the end. */
export interface WrongContent {
  recordId: string;
  expectedTag: string;
  servedTag: string | null;
  when: 'during the run' | 'at the end';
  reader: string;
}

export interface RecordProblem {
  recordId: string;
  patientId: string;
  detail: string;
}

/** What the check at the end found, every must-be-zero figure with the records behind it. */
export interface IntegrityFigures {
  acknowledged: number;
  /** Records on the ledger for the run's patients, acknowledged or not. */
  onLedger: number;
  /** Records on the ledger whose write was never acknowledged (the client saw 503, no answer…). */
  onLedgerNotAcknowledged: number;
  /** Acknowledged writes the listing did not name (read one by one instead). */
  acknowledgedNotListed: number;
  /** Tags on the ledger more than once: a write retried after an unknown outcome, both kept. */
  duplicateTags: number;
  /** Acknowledged, but not on the ledger, not found, or without its content. */
  lost: RecordProblem[];
  wrongContent: WrongContent[];
  /** On the ledger, and the read said its content is missing (409 INTEGRITY "missing"). */
  hashesWithoutContent: RecordProblem[];
  /** Other integrity refusals: a hash mismatch, a ciphertext that does not decrypt. */
  integrityFailures: RecordProblem[];
  /**
   * Records without their content at the first read at the end that a later read found
   * complete: the gateway finished the write afterwards, and every read until then was
   * refused with 409 INTEGRITY (and raised an integrity alert).
   */
  repairedLater: RecordProblem[];
  /** Records that could not be read at the end at all (no answer, 5xx, a refusal). */
  notChecked: RecordProblem[];
  /** Acknowledged writes whose RecordCreated never reached their patient's listener. */
  eventsMissed: RecordProblem[];
}

export interface TallyInput {
  acknowledged: AcknowledgedWrite[];
  /** Record IDs each patient's ledger listing named. */
  listed: Map<string, string[]>;
  /** The read of every listed (and every acknowledged) record at the end. */
  readsAtEnd: Map<string, ReadOutcome>;
  /** RecordCreated record IDs each patient's listener received. */
  eventsReceived: Map<string, Set<string>>;
  /** Wrong content the load's own reads were served while the faults went on. */
  wrongDuringRun: WrongContent[];
  /**
   * Records whose content was missing at the first read at the end, with the seconds after
   * which a later read found it (null: still missing; its outcome is in `readsAtEnd`).
   */
  missingAtFirstCheck: Map<string, number | null>;
}

/** Joins what the clients were told with what the ledger, the store and the listeners hold. */
export function tallyIntegrity(input: TallyInput): IntegrityFigures {
  const { acknowledged, listed, readsAtEnd, eventsReceived } = input;
  const acknowledgedIds = new Set(acknowledged.map((write) => write.recordId));
  const onLedger = new Map<string, string>();
  for (const [patientId, ids] of listed) for (const id of ids) onLedger.set(id, patientId);

  const lost: RecordProblem[] = [];
  const wrongContent = [...input.wrongDuringRun];
  const eventsMissed: RecordProblem[] = [];
  let notListed = 0;
  for (const write of acknowledged) {
    const { recordId, patientId } = write;
    const read = readsAtEnd.get(recordId);
    if (!onLedger.has(recordId)) notListed += 1;
    if (read === undefined || read.kind === 'unavailable' || read.kind === 'refused') {
      // Not checked at all: counted as such below.
    } else if (read.kind === 'not-found') {
      lost.push({ recordId, patientId, detail: 'read answered 404' });
    } else if (read.kind === 'integrity' && read.problem === 'missing') {
      lost.push({ recordId, patientId, detail: 'its content is missing' });
    } else if (read.kind === 'content' && read.tag !== write.tag) {
      wrongContent.push({
        recordId,
        expectedTag: write.tag,
        servedTag: read.tag ?? null,
        when: 'at the end',
        reader: 'patient',
      });
    }
    if (!eventsReceived.get(patientId)?.has(recordId)) {
      eventsMissed.push({ recordId, patientId, detail: 'RecordCreated not received' });
    }
  }

  const hashesWithoutContent: RecordProblem[] = [];
  const integrityFailures: RecordProblem[] = [];
  const notChecked: RecordProblem[] = [];
  const tagCounts = new Map<string, number>();
  const unlisted = acknowledged.filter((w) => !onLedger.has(w.recordId));
  const checked = [...onLedger, ...unlisted.map((w) => [w.recordId, w.patientId] as const)];
  for (const [recordId, patientId] of checked) {
    const read = readsAtEnd.get(recordId);
    const acked = acknowledgedIds.has(recordId) ? 'acknowledged' : 'not acknowledged';
    if (read === undefined) {
      notChecked.push({ recordId, patientId, detail: `not read (${acked})` });
    } else if (read.kind === 'content') {
      if (read.tag !== undefined) tagCounts.set(read.tag, (tagCounts.get(read.tag) ?? 0) + 1);
    } else if (read.kind === 'integrity') {
      const problems = read.problem === 'missing' ? hashesWithoutContent : integrityFailures;
      problems.push({ recordId, patientId, detail: `${read.problem} (${acked})` });
    } else if (read.kind === 'not-found') {
      // An acknowledged write's 404 is counted as lost above.
      if (!acknowledgedIds.has(recordId))
        notChecked.push({ recordId, patientId, detail: 'listed, but its read answered 404' });
    } else {
      notChecked.push({ recordId, patientId, detail: `${read.detail} (${acked})` });
    }
  }

  const owners = new Map(acknowledged.map((w) => [w.recordId, w.patientId]));
  const repairedLater: RecordProblem[] = [];
  for (const [recordId, foundAfter] of input.missingAtFirstCheck) {
    if (foundAfter === null) continue;
    const acked = acknowledgedIds.has(recordId) ? 'acknowledged' : 'not acknowledged';
    repairedLater.push({
      recordId,
      patientId: onLedger.get(recordId) ?? owners.get(recordId) ?? '?',
      detail: `content missing at the first check, readable ${foundAfter.toFixed(0)} s later (${acked})`,
    });
  }

  return {
    acknowledged: acknowledged.length,
    onLedger: onLedger.size,
    onLedgerNotAcknowledged: [...onLedger.keys()].filter((id) => !acknowledgedIds.has(id)).length,
    duplicateTags: [...tagCounts.values()].filter((n) => n > 1).length,
    acknowledgedNotListed: notListed,
    lost,
    wrongContent,
    hashesWithoutContent,
    integrityFailures,
    repairedLater,
    notChecked,
    eventsMissed,
  };
}

/**
 * Seconds from `since` until the first acknowledged write that was sent after it: how long
 * the clients could not write. Null when no write sent after it was acknowledged.
 */
export function writesBackAfter(acknowledged: AcknowledgedWrite[], since: number): number | null {
  let first = Number.POSITIVE_INFINITY;
  for (const write of acknowledged) {
    if (write.startedAt >= since) first = Math.min(first, write.acknowledgedAt);
  }
  return Number.isFinite(first) ? (first - since) / 1000 : null;
}

/** One page of GET /api/patients/:id/records, in either of the shapes the gateway has had. */
export interface ListingPage {
  recordIds: string[];
  /** The next page's bookmark; undefined when this was the last (or the only) page. */
  bookmark: string | undefined;
}

export class ListingShapeError extends Error {
  override name = 'ListingShapeError';
}

/** Reads `{ items, bookmark }` (paginated) or `{ records }` (one list, no pages). */
export function listingPage(body: unknown): ListingPage {
  const ids = (list: unknown) => {
    if (!Array.isArray(list)) throw new ListingShapeError('the record list is not an array');
    return list.map((item) => {
      const id = (item as { recordId?: unknown } | null)?.recordId;
      if (typeof id !== 'string') throw new ListingShapeError('a listed record has no recordId');
      return id;
    });
  };
  if (body && typeof body === 'object' && 'items' in body) {
    const { items, bookmark } = body as { items: unknown; bookmark?: unknown };
    return {
      recordIds: ids(items),
      bookmark: typeof bookmark === 'string' && bookmark !== '' ? bookmark : undefined,
    };
  }
  if (body && typeof body === 'object' && 'records' in body) {
    return { recordIds: ids(body.records), bookmark: undefined };
  }
  throw new ListingShapeError('the answer has neither `items` nor `records`');
}

import type { HashCheck, HistoryEntry } from '@patrec/contract';
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { consentKey } from '../consents/consent';
import { consentForParty } from '../consents/consent-policy';
import { consentIdArg, participantIdArg, recordIdArg, sha256Arg } from '../shared/arguments';
import { authenticate, requireRole } from '../shared/caller';
import { fromLedger, toSortedJson } from '../shared/ledger-json';
import { drainIterator, pageOfPartialKey, pageRequestArgs } from '../shared/pagination';
import { isoOfTimestamp } from '../shared/time';
import { participantKey } from '../participants/participant';
import { readParticipant, requireSelfOrAuditor } from '../participants/participant-ledger';
import { ownerOf, parseHealthRecord, RECORD_OBJECT, recordKey } from '../records/health-record';
import { readRecord } from '../records/record-ledger';

/**
 * Read-only views for auditors (and for the people the data is about): the full history of
 * a participant, record or consent, and the check of a content hash against the ledger.
 */
@Info({ title: 'AuditContract', description: 'Key histories and record-hash verification' })
export class AuditContract extends Contract {
  constructor() {
    super('audit');
  }

  /** For auditors, the participant, and admins of the participant's hospital. */
  @Transaction(false)
  @Returns('string')
  async GetParticipantHistory(ctx: Context, participantId: string): Promise<string> {
    const caller = authenticate(ctx);
    const id = participantIdArg('participantId', participantId);
    const participant = await readParticipant(ctx, id);
    const hospitalAdmin = caller.role === 'admin' && caller.mspId === participant.mspId;
    if (!hospitalAdmin) await requireSelfOrAuditor(ctx, caller, id, 'read the history');
    return toSortedJson(await history(ctx, participantKey(ctx, id)));
  }

  /** For auditors and the record's owner: every version, tombstone included. */
  @Transaction(false)
  @Returns('string')
  async GetRecordHistory(ctx: Context, recordId: string): Promise<string> {
    const caller = authenticate(ctx);
    const id = recordIdArg('recordId', recordId);
    await requireSelfOrAuditor(ctx, caller, ownerOf(id), 'read the record history');
    await readRecord(ctx, id);
    return toSortedJson(await history(ctx, recordKey(ctx, id)));
  }

  /** For auditors and the consent's patient and doctor: every state it went through. */
  @Transaction(false)
  @Returns('string')
  async GetConsentHistory(ctx: Context, consentId: string): Promise<string> {
    const caller = authenticate(ctx);
    const id = consentIdArg('consentId', consentId);
    await consentForParty(ctx, caller, id);
    return toSortedJson(await history(ctx, consentKey(ctx, id)));
  }

  /** Whether `contentHash` is the hash of the record's current version. */
  @Transaction(false)
  @Returns('string')
  async VerifyRecordHash(ctx: Context, recordId: string, contentHash: string): Promise<string> {
    const caller = authenticate(ctx);
    const id = recordIdArg('recordId', recordId);
    const hash = sha256Arg('contentHash', contentHash);
    await requireSelfOrAuditor(ctx, caller, ownerOf(id), 'verify the records');
    const record = await readRecord(ctx, id);
    const check: HashCheck = {
      recordId: id,
      version: record.version,
      status: record.status,
      matches: record.contentHash === hash,
    };
    return toSortedJson(check);
  }

  /** For auditors: every record of every patient, a page at a time (integrity sweeps). */
  @Transaction(false)
  @Returns('string')
  async ListAllRecords(ctx: Context, pageSize: string, bookmark: string): Promise<string> {
    const caller = authenticate(ctx);
    const page = pageRequestArgs(pageSize, bookmark);
    requireRole(caller, ['auditor'], 'list every record');
    const entries = await pageOfPartialKey(ctx, RECORD_OBJECT, [], page);
    const items = entries.items.map(({ value }) => parseHealthRecord(fromLedger(value, 'record')));
    return toSortedJson({ items, bookmark: entries.bookmark });
  }
}

/** Every value a key has had, newest first (Fabric's order since v2.0). */
async function history(ctx: Context, key: string): Promise<HistoryEntry<unknown>[]> {
  const modifications = await drainIterator(await ctx.stub.getHistoryForKey(key));
  return modifications.map((modification) => ({
    txId: modification.txId,
    timestamp: isoOfTimestamp(modification.timestamp),
    isDelete: modification.isDelete,
    value: modification.isDelete ? null : fromLedger(modification.value, 'history entry'),
  }));
}

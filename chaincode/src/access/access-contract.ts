import type {
  AccessEntry,
  DirectoryEntry,
  ReadOutcome,
  RecordAccess,
  RecordDirectory,
} from '@patrec/contract';
import { isRecordedRefusal, type LedgerEventIds } from '@patrec/contract/core';
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { activeGrant, readableBy } from '../consents/consent-policy';
import {
  integerArg,
  optional,
  participantIdArg,
  patientIdArg,
  recordIdArg,
  timeArg,
} from '../shared/arguments';
import { authenticate, requireRole, type Caller } from '../shared/caller';
import { ChaincodeError, conflict, forbidden, invalidArgument } from '../shared/errors';
import { emitBatchEvent, emitEvent } from '../shared/events';
import { accessIdFor } from '../shared/ids';
import { toSortedJson } from '../shared/ledger-json';
import { pageOfRange, pageRequestArgs } from '../shared/pagination';
import { txTime } from '../shared/time';
import {
  readParticipant,
  registeredCaller,
  requireSelf,
  verifiedDoctor,
} from '../participants/participant-ledger';
import { ownerOf } from '../records/health-record';
import { pageOfRecordsByKey, readLiveRecord, readRecordAt } from '../records/record-ledger';
import { accessIdOfIndexKey, accessIndexPrefix, accessTimeRange } from './access-entry';
import { findAccessEntry, logAccess, readAccessEntry } from './access-ledger';
import { RefusedReads } from './refused-reads';
import { servedArg, signedReadsArg, signerOf } from './signed-read';

/** The filters of an access-log query; null means "any". */
interface AccessLogFilter {
  patientId: string | null;
  recordId: string | null;
  accessorId: string | null;
  from: string | null;
  to: string | null;
}

@Info({ title: 'AccessContract', description: 'Consent-checked reads and the access log' })
export class AccessContract extends Contract {
  constructor() {
    super('access');
  }

  /**
   * The gate to a record's content: the owner, or a verified doctor holding an active grant
   * that covers the record. Logs the read and returns the metadata and hash the gateway
   * checks the off-chain content against: of the current version, or of `version`.
   */
  @Transaction()
  @Returns('string')
  async AccessRecord(ctx: Context, recordId: string, version: string): Promise<string> {
    const caller = authenticate(ctx);
    const id = recordIdArg('recordId', recordId);
    const wanted = optional(version, versionArg, 'version') ?? undefined;
    const txId = ctx.stub.getTxID();
    const { access, event } = await this.#readRecord(ctx, caller, id, {
      accessId: accessIdFor(txId),
      accessedAt: txTime(ctx),
      version: wanted,
    });
    emitEvent(ctx, 'RecordAccessed', event);
    return toSortedJson(access);
  }

  /**
   * Reads that a gateway gathered from many readers, each signed by its reader with their
   * registered key and checked exactly as AccessRecord checks its caller. Whoever carries
   * the batch needs a PatRec certificate and nothing more: each read stands on its reader's
   * signature. A refused read is answered with its refusal and, when its signature proves
   * who asked, recorded as a refused attempt (`RefusedReads`); the
   * others are logged (access ID `ACC` + request ID, at the time the reader asked) and
   * announced together by one RecordsAccessed event. `served` names reads the carrier
   * answered already, from an endorsement of them that did not commit (an MVCC conflict):
   * what was read must be logged, so their grant is the one in force when the reader asked,
   * though it was revoked or expired since.
   */
  @Transaction()
  @Returns('string')
  async RecordReads(ctx: Context, reads: string, served: string): Promise<string> {
    authenticate(ctx);
    const signed = signedReadsArg('reads', reads);
    const answered = new Set(
      optional(served, (name, value) => servedArg(name, value, signed), 'served'),
    );
    const now = txTime(ctx);
    const outcomes: ReadOutcome[] = [];
    const events: LedgerEventIds<'RecordAccessed'>[] = [];
    const refused = new RefusedReads(ctx);
    for (const read of signed) {
      let reader: Caller | undefined;
      try {
        reader = await signerOf(ctx, read, now);
        const accessId = `ACC${read.requestId}`;
        // A read answered from an endorsement that did not commit may have been recorded as
        // refused when endorsed again: the read it was is logged in the refusal's place.
        const logged = await findAccessEntry(ctx, accessId);
        if (logged && !(answered.has(read.requestId) && logged.outcome === 'minor-failure')) {
          throw conflict(`${accessId} is logged already`);
        }
        const { access, event } = await this.#readRecord(
          ctx,
          reader,
          read.recordId,
          { accessId, accessedAt: read.requestedAt, version: read.version },
          answered.has(read.requestId) ? read.requestedAt : undefined,
        );
        outcomes.push({ requestId: read.requestId, access });
        events.push(event);
      } catch (error) {
        if (!(error instanceof ChaincodeError)) throw error;
        outcomes.push({ requestId: read.requestId, refusal: error.message });
        if (!reader || !isRecordedRefusal(error)) continue;
        const event = await refused.record(reader, read, error, now);
        if (event) events.push(event);
      }
    }
    if (events.length > 0) emitBatchEvent(ctx, 'RecordsAccessed', events);
    return toSortedJson(outcomes);
  }

  /**
   * The gate to a record's content: the owner, or a verified doctor holding an active grant
   * that covers the record (`answeredAt`: the grant in force then, for a read answered
   * already). Logs the read; the access carries the metadata and hash the gateway checks the
   * off-chain content against: the record as it was at the version read (the current one
   * unless `read.version` names an earlier one). Consent is checked before the version is
   * looked for, so a reader without a grant learns nothing of a record's versions.
   */
  async #readRecord(
    ctx: Context,
    caller: Caller,
    id: string,
    read: Pick<AccessEntry, 'accessId' | 'accessedAt'> & { version: number | undefined },
    answeredAt?: string,
  ): Promise<{ access: RecordAccess; event: LedgerEventIds<'RecordAccessed'> }> {
    requireRole(caller, ['patient', 'doctor'], 'read record contents');
    if (caller.role === 'patient') await requireSelf(ctx, caller, ownerOf(id), 'read the records');
    else await verifiedDoctor(ctx, caller);
    const current = await readLiveRecord(ctx, id);
    const grant =
      caller.role === 'doctor'
        ? await activeGrant(ctx, {
            doctorId: caller.id,
            patientId: current.patientId,
            target: current,
            permission: 'read',
            now: txTime(ctx),
            answeredAt,
          })
        : null;
    const record = await readRecordAt(ctx, current, read.version ?? current.version);
    const consentId = grant?.consentId ?? null;
    const entry: AccessEntry = {
      accessId: read.accessId,
      accessedAt: read.accessedAt,
      kind: 'record',
      patientId: record.patientId,
      recordId: id,
      version: record.version,
      consentId,
      emergency: grant?.origin === 'emergency',
      outcome: 'success',
      refusal: null,
      accessorId: caller.id,
      accessorMspId: caller.mspId,
      txId: ctx.stub.getTxID(),
    };
    await logAccess(ctx, entry);
    const event = {
      accessId: entry.accessId,
      recordId: id,
      patientId: record.patientId,
      accessorId: caller.id,
      consentId,
    };
    return { access: { access: entry, record }, event };
  }

  /**
   * A page of a patient's record IDs, categories, versions and dates (no hashes, no
   * contents), each marked readable when a grant in force covers it, for a verified doctor
   * deciding what to ask for (or reading what they may), or for the patient. Every page is a logged
   * look-up. Deleted records are left out, so a page may hold fewer than `pageSize`; its
   * bookmark still leads on.
   */
  @Transaction()
  @Returns('string')
  async GetRecordDirectory(
    ctx: Context,
    patientId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const patient = patientIdArg('patientId', patientId);
    const page = pageRequestArgs(pageSize, bookmark);
    requireRole(caller, ['patient', 'doctor'], "list a patient's records");
    if (caller.role === 'patient') {
      await requireSelf(ctx, caller, patient, 'list the records');
    } else {
      await verifiedDoctor(ctx, caller);
      await readParticipant(ctx, patient);
    }
    const records = await pageOfRecordsByKey(ctx, patient, page);
    const readable =
      caller.role === 'doctor'
        ? await readableBy(ctx, caller.id, patient, txTime(ctx))
        : () => true;
    const items = records.items
      .filter((record) => record.status === 'ACTIVE')
      .map((record): DirectoryEntry => {
        const { recordId, category, version, createdAt, updatedAt } = record;
        return { recordId, category, version, createdAt, updatedAt, readable: readable(record) };
      });
    const entry = this.#entry(ctx, caller, {
      kind: 'directory',
      patientId: patient,
      recordId: null,
      version: null,
      consentId: null,
      emergency: false,
    });
    await logAccess(ctx, entry);
    emitEvent(ctx, 'DirectoryAccessed', {
      accessId: entry.accessId,
      patientId: patient,
      accessorId: caller.id,
    });
    const directory: RecordDirectory = {
      accessId: entry.accessId,
      patientId: patient,
      items,
      bookmark: records.bookmark,
    };
    return toSortedJson(directory);
  }

  /**
   * The access log, newest first, filtered by patient, record, accessor and a time range
   * [from, to). Patients see reads of their own records, doctors their own reads, auditors
   * everything. Empty arguments mean "any".
   */
  @Transaction(false)
  @Returns('string')
  async ListAccessLog(
    ctx: Context,
    patientId: string,
    recordId: string,
    accessorId: string,
    from: string,
    to: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const filter: AccessLogFilter = {
      patientId: optional(patientId, patientIdArg, 'patientId'),
      recordId: optional(recordId, recordIdArg, 'recordId'),
      accessorId: optional(accessorId, participantIdArg, 'accessorId'),
      from: optional(from, timeArg, 'from'),
      to: optional(to, timeArg, 'to'),
    };
    const page = pageRequestArgs(pageSize, bookmark);
    if (filter.from && filter.to && filter.from >= filter.to) {
      throw invalidArgument('from must be earlier than to');
    }
    if (filter.recordId && filter.patientId && ownerOf(filter.recordId) !== filter.patientId) {
      throw invalidArgument(`record ${filter.recordId} is not ${filter.patientId}'s`);
    }
    requireRole(caller, ['patient', 'doctor', 'auditor'], 'read the access log');
    const allowed = await this.#limitToCaller(ctx, caller, filter);

    const { prefix, matches } = indexFor(allowed);
    const { start, end } = accessTimeRange(
      prefix,
      allowed.from ?? undefined,
      allowed.to ?? undefined,
    );
    const keys = await pageOfRange(ctx, start, end, page);
    const entries: AccessEntry[] = [];
    for (const { key } of keys.items) {
      const entry = await readAccessEntry(ctx, accessIdOfIndexKey(key));
      if (matches(entry)) entries.push(entry);
    }
    return toSortedJson({ items: entries, bookmark: keys.bookmark });
  }

  /** Narrows a filter to what the caller may see, refusing filters that reach beyond it. */
  async #limitToCaller(
    ctx: Context,
    caller: Caller,
    filter: AccessLogFilter,
  ): Promise<AccessLogFilter> {
    switch (caller.role) {
      case 'patient': {
        await registeredCaller(ctx, caller);
        const asked = filter.patientId ?? (filter.recordId ? ownerOf(filter.recordId) : caller.id);
        if (asked !== caller.id) {
          throw forbidden('NOT_YOURS', `${caller.id} may not read ${asked}'s access log`);
        }
        return { ...filter, patientId: caller.id };
      }
      case 'doctor': {
        await registeredCaller(ctx, caller);
        const asked = filter.accessorId ?? caller.id;
        if (asked !== caller.id) {
          throw forbidden('NOT_YOURS', `${caller.id} may not read ${asked}'s accesses`);
        }
        return { ...filter, accessorId: caller.id };
      }
      case 'auditor':
        return filter;
      case 'admin':
        throw forbidden('ROLE', 'an admin may not read the access log');
    }
  }

  #entry(
    ctx: Context,
    caller: Caller,
    read: Pick<
      AccessEntry,
      'kind' | 'patientId' | 'recordId' | 'version' | 'consentId' | 'emergency'
    >,
  ): AccessEntry {
    const txId = ctx.stub.getTxID();
    return {
      ...read,
      outcome: 'success',
      refusal: null,
      accessId: accessIdFor(txId),
      accessorId: caller.id,
      accessorMspId: caller.mspId,
      accessedAt: txTime(ctx),
      txId,
    };
  }
}

/** A version to read: a whole number from 1. */
const versionArg = (name: string, value: unknown) =>
  integerArg(name, value, 1, Number.MAX_SAFE_INTEGER);

/**
 * The narrowest index for a filter. Only a record filtered by accessor too has no index of
 * its own: the record's index is read and other accessors are skipped, so such a page may
 * hold fewer entries than asked for (the bookmark still leads on).
 */
function indexFor(filter: AccessLogFilter): {
  prefix: string;
  matches: (entry: AccessEntry) => boolean;
} {
  const { patientId, recordId, accessorId } = filter;
  const everyEntry = () => true;
  if (recordId) {
    return {
      prefix: accessIndexPrefix('byRecord', [recordId]),
      matches: (entry) => !accessorId || entry.accessorId === accessorId,
    };
  }
  if (accessorId && patientId) {
    return {
      prefix: accessIndexPrefix('byAccessorPatient', [accessorId, patientId]),
      matches: everyEntry,
    };
  }
  if (accessorId)
    return { prefix: accessIndexPrefix('byAccessor', [accessorId]), matches: everyEntry };
  if (patientId)
    return { prefix: accessIndexPrefix('byPatient', [patientId]), matches: everyEntry };
  return { prefix: accessIndexPrefix('byTime', []), matches: everyEntry };
}

import type { HealthRecord } from '@patrec/contract';
import { CATEGORIES, type GrantTarget } from '@patrec/contract/core';
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { activeGrant } from '../consents/consent-policy';
import { integerArg, oneOfArg, patientIdArg, recordIdArg, sha256Arg } from '../shared/arguments';
import { authenticate, requireRole, type Caller } from '../shared/caller';
import { conflict, invalidArgument } from '../shared/errors';
import { emitEvent } from '../shared/events';
import { fromLedger, toSortedJson } from '../shared/ledger-json';
import { pageOfPartialKey, pageRequestArgs } from '../shared/pagination';
import { txTime } from '../shared/time';
import {
  readParticipant,
  requireSelf,
  requireSelfOrAuditor,
  verifiedDoctor,
} from '../participants/participant-ledger';
import { ownerOf, parseHealthRecord, RECORD_OBJECT } from './health-record';
import {
  allocateRecordId,
  putRecord,
  putRecordVersion,
  readLiveRecord,
  readRecord,
} from './record-ledger';

@Info({ title: 'RecordContract', description: 'Record metadata: owner, category, content hash' })
export class RecordContract extends Contract {
  constructor() {
    super('records');
  }

  /**
   * Registers a new record's hash. The patient for themselves, or a verified doctor whose
   * active read-write grant covers the category. The ID is the patient's next in sequence.
   */
  @Transaction()
  @Returns('string')
  async CreateRecord(
    ctx: Context,
    patientId: string,
    category: string,
    contentHash: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const owner = patientIdArg('patientId', patientId);
    const kind = oneOfArg('category', category, CATEGORIES);
    const hash = sha256Arg('contentHash', contentHash);
    requireRole(caller, ['patient', 'doctor'], 'create records');
    await this.#checkWriterStanding(ctx, caller, owner);
    const consentId = await this.#writeGrant(ctx, caller, owner, { category: kind });
    const now = txTime(ctx);
    const record: HealthRecord = {
      recordId: await allocateRecordId(ctx, owner),
      patientId: owner,
      category: kind,
      contentHash: hash,
      version: 1,
      status: 'ACTIVE',
      createdAt: now,
      createdBy: caller.id,
      updatedAt: now,
      updatedBy: caller.id,
      consentId,
    };
    return this.#save(ctx, record, 'RecordCreated');
  }

  /**
   * Registers a new version's hash. Same writers as CreateRecord; `expectedVersion` is the
   * version the writer started from, so one writer cannot silently overwrite another. The
   * content's `category` must be the record's: said only to those who may write it, so a
   * refusal tells no one else whether the record exists or what it holds.
   */
  @Transaction()
  @Returns('string')
  async UpdateRecord(
    ctx: Context,
    recordId: string,
    category: string,
    contentHash: string,
    expectedVersion: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const id = recordIdArg('recordId', recordId);
    const kind = oneOfArg('category', category, CATEGORIES);
    const hash = sha256Arg('contentHash', contentHash);
    const expected = integerArg('expectedVersion', expectedVersion, 1, Number.MAX_SAFE_INTEGER);
    requireRole(caller, ['patient', 'doctor'], 'update records');
    await this.#checkWriterStanding(ctx, caller, ownerOf(id));
    const record = await readLiveRecord(ctx, id);
    const consentId = await this.#writeGrant(ctx, caller, record.patientId, record);
    if (record.category !== kind) {
      throw invalidArgument(`record ${id} is ${record.category}, not ${kind}`);
    }
    if (record.version !== expected) {
      throw conflict(`${id} is at version ${record.version}, not ${expected}`);
    }
    const updated: HealthRecord = {
      ...record,
      contentHash: hash,
      version: record.version + 1,
      updatedAt: txTime(ctx),
      updatedBy: caller.id,
      consentId,
    };
    return this.#save(ctx, updated, 'RecordUpdated');
  }

  /** The owner deletes a record: it stays as a tombstone, its history intact. */
  @Transaction()
  @Returns('string')
  async DeleteRecord(ctx: Context, recordId: string): Promise<string> {
    const caller = authenticate(ctx);
    const id = recordIdArg('recordId', recordId);
    requireRole(caller, ['patient'], 'delete records');
    await requireSelf(ctx, caller, ownerOf(id), 'delete the records');
    const record = await readLiveRecord(ctx, id);
    const tombstone: HealthRecord = {
      ...record,
      status: 'DELETED',
      updatedAt: txTime(ctx),
      updatedBy: caller.id,
      consentId: null,
    };
    return this.#save(ctx, tombstone, 'RecordDeleted');
  }

  /** A record's metadata, tombstones included, for its owner and auditors. */
  @Transaction(false)
  @Returns('string')
  async GetRecord(ctx: Context, recordId: string): Promise<string> {
    const caller = authenticate(ctx);
    const id = recordIdArg('recordId', recordId);
    await requireSelfOrAuditor(ctx, caller, ownerOf(id), 'read the records');
    return toSortedJson(await readRecord(ctx, id));
  }

  /** A patient's records in creation order, tombstones included, for the owner and auditors. */
  @Transaction(false)
  @Returns('string')
  async ListRecords(
    ctx: Context,
    patientId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const owner = patientIdArg('patientId', patientId);
    const page = pageRequestArgs(pageSize, bookmark);
    await requireSelfOrAuditor(ctx, caller, owner, 'list the records');
    const entries = await pageOfPartialKey(ctx, RECORD_OBJECT, [owner], page);
    const items = entries.items.map(({ value }) => parseHealthRecord(fromLedger(value, 'record')));
    return toSortedJson({ items, bookmark: entries.bookmark });
  }

  async #save(
    ctx: Context,
    record: HealthRecord,
    event: 'RecordCreated' | 'RecordUpdated' | 'RecordDeleted',
  ): Promise<string> {
    await putRecord(ctx, record);
    if (event !== 'RecordDeleted') await putRecordVersion(ctx, record);
    emitEvent(ctx, event, {
      recordId: record.recordId,
      patientId: record.patientId,
      actorId: record.updatedBy,
      consentId: record.consentId,
    });
    return toSortedJson(record);
  }

  /** The owner themselves, or a verified doctor writing for a registered patient. */
  async #checkWriterStanding(ctx: Context, caller: Caller, patientId: string): Promise<void> {
    if (caller.role === 'patient') return requireSelf(ctx, caller, patientId, 'write the records');
    await verifiedDoctor(ctx, caller);
    await readParticipant(ctx, patientId);
  }

  /** The consent a doctor writes under (null for the owner, who needs none). */
  async #writeGrant(
    ctx: Context,
    caller: Caller,
    patientId: string,
    target: GrantTarget,
  ): Promise<string | null> {
    if (caller.role === 'patient') return null;
    const grant = await activeGrant(ctx, {
      doctorId: caller.id,
      patientId,
      target,
      permission: 'read-write',
      now: txTime(ctx),
    });
    return grant.consentId;
  }
}

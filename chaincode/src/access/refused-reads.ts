import type { AccessEntry, SignedRead } from '@patrec/contract';
import { MAX_RECORDED_REFUSALS_PER_HOUR, type LedgerEventIds } from '@patrec/contract/core';
import type { Context } from 'fabric-contract-api';
import type { Caller } from '../shared/caller';
import { corruptState, type ChaincodeError } from '../shared/errors';
import { fromLedger, toLedger } from '../shared/ledger-json';
import { Shape } from '../shared/shape';
import { ownerOf } from '../records/health-record';
import { logAccess } from './access-ledger';

/**
 * The refused attempts of one transaction, recorded in the access log like reads (so the
 * patient, the auditors and the doctor see them), at most MAX_RECORDED_REFUSALS_PER_HOUR
 * per person and hour: a count per person and hour is kept on the ledger, and past it a
 * refusal is answered but not recorded.
 */
export class RefusedReads {
  /** Counts as this transaction leaves them: it does not see its own writes. */
  readonly #counts = new Map<string, number>();

  constructor(readonly ctx: Context) {}

  /**
   * Records that `reader`, proven by their signature, was refused `read` at `now`; the IDs
   * to announce it by (a RecordAccessed without a consent), or none once past the limit.
   */
  async record(
    reader: Caller,
    read: SignedRead,
    refusal: ChaincodeError,
    now: string,
  ): Promise<LedgerEventIds<'RecordAccessed'> | undefined> {
    const key = ['refusals', reader.id, now.slice(0, 13), ''].join('~');
    const count = this.#counts.get(key) ?? (await this.#countOf(key));
    if (count >= MAX_RECORDED_REFUSALS_PER_HOUR) return undefined;
    this.#counts.set(key, count + 1);
    await this.ctx.stub.putState(key, toLedger({ count: count + 1 }));
    const entry: AccessEntry = {
      accessId: `ACC${read.requestId}`,
      kind: 'record',
      patientId: ownerOf(read.recordId),
      recordId: read.recordId,
      version: read.version ?? null,
      consentId: null,
      emergency: false,
      outcome: 'minor-failure',
      refusal: refusal.reason ?? 'NOT_FOUND',
      accessorId: reader.id,
      accessorMspId: reader.mspId,
      accessedAt: read.requestedAt,
      txId: this.ctx.stub.getTxID(),
    };
    await logAccess(this.ctx, entry);
    const { accessId, recordId, patientId, accessorId, consentId } = entry;
    return { accessId, recordId, patientId, accessorId, consentId };
  }

  async #countOf(key: string): Promise<number> {
    const bytes = await this.ctx.stub.getState(key);
    if (bytes.length === 0) return 0;
    const fail = (problem: string) => corruptState('refusal count', problem);
    return new Shape(fromLedger(bytes, 'refusal count'), fail).integer('count');
  }
}

import { randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { Logger } from 'pino';
import { MAX_PAGE_SIZE, type IntegritySweep, type SweepState } from '@patrec/contract';
import { ApiError } from '../http/api-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { verifiedSealed } from '../records/content-seal.js';
import type { RecordContents } from '../records/record-contents.js';

interface StoredSweep {
  _id: string;
  state: Exclude<SweepState, 'interrupted'>;
  startedAt: Date;
  startedBy: string;
  updatedAt: Date;
  finishedAt: Date | null;
  checked: number;
  failed: number;
  failure: string | null;
}

/** A running sweep reports after every page; one silent this long has lost its gateway. */
const SILENT_MS = 60_000;

/**
 * Integrity sweeps: every record the ledger holds, a page at a time, checked against its
 * stored contents (present, of its patient, hashing to the ledger's hash); each failure is
 * raised as an integrity alert. A sweep runs in the background and reports its progress
 * under its ID, so its cost never sits on a request. One at a time per gateway.
 */
export class IntegritySweeps {
  readonly #sweeps: Collection<StoredSweep>;
  #running: Promise<void> | undefined;
  #runningId: string | undefined;
  #stopping = false;

  constructor(
    db: Db,
    readonly ledger: Ledger,
    readonly contents: RecordContents,
    readonly log: Logger,
    readonly pageSize = MAX_PAGE_SIZE,
  ) {
    this.#sweeps = db.collection<StoredSweep>('integritySweeps');
  }

  /** Starts a sweep as `auditorId` (the ledger lists every record only to auditors). */
  async start(auditorId: string): Promise<IntegritySweep> {
    if (this.#runningId) {
      throw new ApiError(
        'CONFLICT',
        `integrity sweep ${this.#runningId} is still running: follow it rather than start another`,
      );
    }
    const now = new Date();
    const sweep: StoredSweep = {
      _id: `SWP${randomBytes(8).toString('hex')}`,
      state: 'running',
      startedAt: now,
      startedBy: auditorId,
      updatedAt: now,
      finishedAt: null,
      checked: 0,
      failed: 0,
      failure: null,
    };
    await this.#sweeps.insertOne(sweep);
    this.#runningId = sweep._id;
    this.#running = this.#run(sweep).finally(() => {
      this.#running = this.#runningId = undefined;
    });
    return viewOf(sweep);
  }

  async get(sweepId: string): Promise<IntegritySweep> {
    const sweep = await this.#sweeps.findOne({ _id: sweepId });
    if (!sweep) throw new ApiError('NOT_FOUND', `no integrity sweep ${sweepId}`);
    return viewOf(sweep);
  }

  /** Stops the running sweep after its current page (shutdown); it then reads interrupted. */
  async stop() {
    this.#stopping = true;
    await this.#running;
  }

  /** Resolves once the running sweep, if any, has ended (tests). */
  async settled() {
    await this.#running;
  }

  async #run(sweep: StoredSweep) {
    try {
      let bookmark = '';
      do {
        const page = await this.ledger.as(sweep.startedBy, (client) =>
          client.audit.listAllRecords({ pageSize: this.pageSize, bookmark }),
        );
        // A deleted record's contents are destroyed with it: nothing to check.
        const live = page.items.filter((record) => record.status === 'ACTIVE');
        const checks = await Promise.all(
          live.map(async (record) => ({
            record,
            verified: verifiedSealed(
              record,
              await this.contents.version(record.recordId, record.version),
            ),
          })),
        );
        for (const { record, verified } of checks) {
          if (!('problem' in verified)) continue;
          await this.contents.alerts.raise({
            recordId: record.recordId,
            version: record.version,
            patientId: record.patientId,
            problem: verified.problem,
            detectedAt: new Date(),
            detectedBy: sweep.startedBy,
          });
          sweep.failed += 1;
        }
        sweep.checked += live.length;
        bookmark = page.bookmark;
        await this.#save(sweep, bookmark ? 'running' : 'finished');
      } while (bookmark && !this.#stopping);
    } catch (error) {
      this.log.error({ err: error, sweepId: sweep._id }, 'integrity sweep failed');
      sweep.failure =
        error instanceof ApiError
          ? error.message
          : `stopped on an unexpected error; the gateway's log has it under ${sweep._id}`;
      await this.#save(sweep, 'failed').catch((saveError: unknown) =>
        this.log.error({ err: saveError, sweepId: sweep._id }, 'integrity sweep not saved'),
      );
    }
  }

  async #save(sweep: StoredSweep, state: StoredSweep['state']) {
    const now = new Date();
    sweep.state = state;
    sweep.updatedAt = now;
    if (state !== 'running') sweep.finishedAt = now;
    const { _id, ...progress } = sweep;
    await this.#sweeps.updateOne({ _id }, { $set: progress });
  }
}

function viewOf(sweep: StoredSweep, now = Date.now()): IntegritySweep {
  const silent = sweep.state === 'running' && now - sweep.updatedAt.getTime() > SILENT_MS;
  return {
    sweepId: sweep._id,
    state: silent ? 'interrupted' : sweep.state,
    startedAt: sweep.startedAt.toISOString(),
    startedBy: sweep.startedBy,
    updatedAt: sweep.updatedAt.toISOString(),
    finishedAt: sweep.finishedAt?.toISOString() ?? null,
    checked: sweep.checked,
    failed: sweep.failed,
    failure: sweep.failure,
  };
}

import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  ConsentView,
  CreatedAccount,
  FormCategory,
  LedgerEvent,
  PatientSignUp,
  RecordRead,
  RecordSummary,
  Share,
} from '@patrec/contract';
import { freshTotp } from '../../../gateway/src/test-support/fresh-totp.js';
import { databaseProcessName } from '../services/database.js';
import type { DemoLogin } from '../services/demo-accounts.js';
import { gatewayProcessName } from '../services/gateway.js';
import { clinicalRecord, FORM_CATEGORIES } from './clinical-content.js';
import {
  DeliveryTracker,
  summarise,
  type DeliveryReport,
  type LatencySummary,
} from './event-delivery.js';
import { EventStreamClient } from './event-stream.js';
import { ApiError, HttpSession } from './http-session.js';
import { submitConcurrently, submitWhile, type BenchResult } from './ledger-bench.js';
import { clockTicksPerSecond, CpuWindow } from './process-cpu.js';
import { formatByStatus, ResponseTally, type ServerFailure } from './response-tally.js';

export interface ScaleOptions {
  patients: number;
  records: number;
  /** Probe patients, whose concurrent writes are timed before and after the fill. */
  writers: number;
  /** Patients filling at once. */
  fillWriters: number;
  readers: number;
  /** How far back the event checkpoint is moved for the catch-up after a restart. */
  catchUpBlocks: number;
}

/** What the catch-up phase needs of the process that runs the gateway; the CLI provides it. */
export interface GatewayRestarter {
  /** Why the gateway cannot be restarted from here, or undefined when it can. */
  cannotRestart(): string | undefined;
  /** The block the gateway's event listener would resume at: its stored checkpoint. */
  checkpointBlock(): Promise<number>;
  /**
   * Stops the gateway, moves its event checkpoint back to `block` and starts it again;
   * resolves once it answers, to the moment (`performance.now()`) the new process began.
   */
  restartFrom(block: number): Promise<number>;
}

/** How long a write's event may take before it counts as not delivered. */
const EVENT_DEADLINE_MS = 30_000;
const IDLE_WINDOW_MS = 10_000;
const READS_AT_ONE_CLIENT = 200;
const READS_PER_CONCURRENT_CLIENT = 10;
const PROBE_WRITES_PER_WRITER = 5;
const PROGRESS_EVERY_MS = 10_000;
const CHECKPOINT_POLL_MS = 500;
/** A listener not back by then is reported as such rather than waited for. */
const CATCH_UP_DEADLINE_MS = 15 * 60_000;
/** Shown as they happen, up to this many kinds per phase; all are counted and reported. */
const FAILURES_SHOWN = 20;
const SIGN_UP_ATTEMPTS = 3;
const PASSWORD = 'scale bench password 2026';
const MEASURED_PROCESSES = [databaseProcessName, gatewayProcessName];

export type CpuPercent = Record<string, number | null>;

export interface Throughput extends LatencySummary {
  perSecond: number | null;
  failed: number;
  seconds: number;
}

export interface PhaseResponses {
  total: number;
  unsuccessful: number;
  serverFailures: number;
  byOperation: Record<string, Record<string, number>>;
  failures: ServerFailure[];
}

/** What one measurement (before the fill, or after it) found. */
export interface Snapshot {
  readsOneClient: Throughput;
  readsConcurrent: Throughput;
  writes: Throughput;
  events: DeliveryReport;
  cpuUnderLoad: CpuPercent;
  cpuIdle: CpuPercent;
  responses: PhaseResponses;
}

export interface FillResult {
  patientsSignedUp: number;
  recordsWritten: number;
  shares: number;
  doctorReads: number;
  seconds: number;
  writes: Throughput;
  reads: Throughput;
  events: DeliveryReport;
  cpu: CpuPercent;
  streamReconnects: number;
  responses: PhaseResponses;
}

/** When the listener's checkpoint was back where it had been before the restart. */
export type CatchUpEnd = 'before it answered' | 'while reading' | 'not within the deadline';

/** The event listener re-reading blocks after a restart, and reads timed meanwhile. */
export interface CatchUpResult {
  /** Blocks the checkpoint was moved back by: `fromBlock` to `toBlock`. */
  blocks: number;
  fromBlock: number;
  toBlock: number;
  /** From stopping the old gateway until the new one answered (compiling it, if it was stale). */
  downSeconds: number;
  /** From the new gateway's launch until it answered: when the reads began. */
  answeredAfterSeconds: number;
  /**
   * From the new gateway's launch until its checkpoint was back at `toBlock`: the time
   * waited when not within the deadline, `answeredAfterSeconds` when back before it answered.
   */
  seconds: number;
  caughtUp: CatchUpEnd;
  /** Reads that started before the listener had caught up (as seen every 500 ms). */
  reads: Throughput;
  cpu: CpuPercent;
  responses: PhaseResponses;
}

export type CatchUpOutcome = CatchUpResult | { notRun: string };

export interface ScaleResult {
  startedAt: string;
  finishedAt: string;
  gatewayUrl: string;
  batchTimeout: string;
  options: ScaleOptions;
  doctorId: string;
  start: Snapshot;
  fill: FillResult;
  end: Snapshot;
  catchUp: CatchUpOutcome;
}

export class GatewayUnreachable extends Error {
  override name = 'GatewayUnreachable';
}

/** A request that failed and was counted; anything else thrown in a load loop is a bug. */
class CountedFailure extends Error {
  override name = 'CountedFailure';
  constructor(
    message: string,
    /** The answer's status; 0 when there was none. */
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface Patient {
  id: string;
  index: number;
  session: HttpSession;
  written: number;
}

const now = () => performance.now();
const NOTHING_TIMED: BenchResult = { transactions: 0, failures: 0, seconds: 0, latenciesMs: [] };

export function throughput(result: BenchResult): Throughput {
  return {
    ...summarise(result.latenciesMs),
    perSecond: result.seconds > 0 ? result.transactions / result.seconds : null,
    failed: result.failures,
    seconds: result.seconds,
  };
}

function responsesOf(tally: ResponseTally): PhaseResponses {
  return {
    total: tally.total,
    unsuccessful: tally.unsuccessful,
    serverFailures: tally.serverFailures,
    byOperation: tally.byOperation(),
    failures: tally.failures(),
  };
}

const errorText = (error: unknown) => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
};

/**
 * `npm run bench -- scale`: fills the running PatRec through its HTTP API, as patients and a
 * doctor would, and measures reads, writes, live events and CPU before and after the fill.
 */
export class ScaleBench {
  readonly #runId = randomInt(1e9).toString(36);
  readonly #ticksPerSecond = clockTicksPerSecond();
  readonly #doctor: HttpSession;
  /** Every tracker of the run sees every event, so a late one still finds its write. */
  readonly #trackers: DeliveryTracker[] = [];
  readonly #streams = new Set<EventStreamClient>();
  #tally = new ResponseTally();
  #failuresShown = 0;
  #streamReconnects = 0;
  #bug: Error | undefined;

  constructor(
    readonly gatewayUrl: string,
    readonly batchTimeout: string,
    readonly doctorLogin: DemoLogin,
    readonly options: ScaleOptions,
    readonly restarter: GatewayRestarter,
    readonly log: (message: string) => void,
  ) {
    this.#doctor = new HttpSession(gatewayUrl);
  }

  async run(): Promise<ScaleResult> {
    const startedAt = new Date().toISOString();
    await this.#checkGateway();
    const { writers } = this.options;
    this.log(`Logging in the demo doctor ${this.doctorLogin.id} and listening to their events …`);
    this.#beginPhase();
    await this.#logInDoctor();
    await this.#openStream(this.#doctor);

    this.log(`Measuring at the start: idle CPU for ${IDLE_WINDOW_MS / 1000} s …`);
    const idleAtStart = await this.#idleCpu();
    this.log(`  ${writers} probe patients sign up and share everything with the doctor …`);
    const probe = await this.#probePatients();
    const readTargets: string[] = [];
    const start = await this.#measure(probe, readTargets, idleAtStart, 'start');
    this.#throwIfBug();

    const fill = await this.#fill();
    this.#throwIfBug();

    this.log('Measuring at the end …');
    const end = await this.#measure(probe, readTargets, undefined, 'end');
    this.#throwIfBug();

    const catchUp = await this.#catchUp(readTargets);
    this.#throwIfBug();
    await Promise.all([...this.#streams].map((s) => s.close()));
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      gatewayUrl: this.gatewayUrl,
      batchTimeout: this.batchTimeout,
      options: this.options,
      doctorId: this.doctorLogin.id,
      start,
      fill,
      end,
      catchUp,
    };
  }

  async #checkGateway() {
    try {
      await fetch(`${this.gatewayUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
    } catch {
      throw new GatewayUnreachable(
        `the gateway does not answer on ${this.gatewayUrl}: run \`npm start\` first`,
      );
    }
  }

  async #logInDoctor() {
    const { id, password, totpSecret } = this.doctorLogin;
    await this.#api('log-in', async () => ({
      status: await this.#doctor.login(id, password, await freshTotp(totpSecret!, id)),
      body: undefined,
    }));
  }

  /** Starts counting answers afresh, for the phase that begins. */
  #beginPhase() {
    this.#tally = new ResponseTally();
    this.#failuresShown = 0;
    return this.#tally;
  }

  #newTracker() {
    const tracker = new DeliveryTracker(EVENT_DEADLINE_MS);
    this.#trackers.push(tracker);
    return tracker;
  }

  #throwIfBug() {
    if (this.#bug !== undefined) throw this.#bug;
  }

  /** Wraps a load loop's step: a counted failure is expected, anything else is kept as a bug. */
  #step<T>(step: (client: T) => Promise<void>) {
    return async (client: T) => {
      try {
        await step(client);
      } catch (error) {
        if (!(error instanceof CountedFailure))
          this.#bug ??= error instanceof Error ? error : new Error(String(error));
        throw error;
      }
    };
  }

  /** Sends one request and counts its answer (or its lack of one) under `operation`. */
  async #api<T>(operation: string, send: () => Promise<{ status: number; body: T }>) {
    try {
      const { status, body } = await send();
      this.#tally.count(operation, status);
      return body;
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      const detail =
        error instanceof ApiError
          ? { code: error.code, message: error.apiMessage }
          : { message: errorText(error) };
      const isNew = this.#tally.count(operation, status, detail);
      if (isNew && this.#failuresShown < FAILURES_SHOWN) {
        this.#failuresShown += 1;
        const code = detail.code ? `${detail.code} ` : '';
        this.log(`  ! ${operation}: ${status || 'no answer'} ${code}${detail.message}`);
      }
      throw new CountedFailure(errorText(error), status, { cause: error });
    }
  }

  async #openStream(session: HttpSession) {
    const stream = new EventStreamClient(this.gatewayUrl, session.cookie, (event, at) =>
      this.#eventArrived(event, at),
    );
    await this.#api('events', async () => {
      await stream.open();
      return { status: 200, body: undefined };
    });
    this.#streams.add(stream);
    return stream;
  }

  async #closeStream(stream: EventStreamClient) {
    this.#streams.delete(stream);
    this.#streamReconnects += stream.reconnects;
    await stream.close();
  }

  #eventArrived(event: LedgerEvent, at: number) {
    const id = idOfEvent(event);
    if (id === undefined) return;
    for (const tracker of this.#trackers) tracker.arrived(event.name, id, at);
  }

  async #signUp(label: string, index: number): Promise<Patient> {
    const session = new HttpSession(this.gatewayUrl);
    const email = `scale.${this.#runId}.${label}${index}@example.org`;
    const signUp = {
      firstName: `Scale${label.toUpperCase()}`,
      lastName: `Patient${index}`,
      dateOfBirth: `19${String(40 + (index % 60)).padStart(2, '0')}-0${1 + (index % 9)}-15`,
      address: `${1 + index} Load Street`,
      city: 'Throughput',
      state: 'Latency',
      country: 'Benchland',
      email,
      password: PASSWORD,
    } satisfies PatientSignUp;
    // A person whose sign-up failed on the server's side tries again; each failure still counts.
    let created: CreatedAccount | undefined;
    for (let attempt = 1; !created; attempt += 1) {
      try {
        created = await this.#api('sign-up', () =>
          session.send<CreatedAccount>('POST', '/api/accounts/patients', signUp),
        );
      } catch (error) {
        const status = error instanceof CountedFailure ? error.status : undefined;
        if (attempt >= SIGN_UP_ATTEMPTS || status === undefined || (status > 0 && status < 500))
          throw error;
        await sleep(1000);
      }
    }
    await this.#api('log-in', async () => ({
      status: await session.login(email, PASSWORD),
      body: undefined,
    }));
    return { id: created.id, index, session, written: 0 };
  }

  async #share(patient: Patient, scope: Share['scope'], tracker?: DeliveryTracker) {
    const share = {
      doctorId: this.doctorLogin.id,
      scope,
      permission: 'read',
      durationDays: 30,
    } satisfies Share;
    const consent = await this.#api('share', () =>
      patient.session.send<ConsentView>('POST', '/api/consents/shares', share),
    );
    tracker?.answered('AccessShared', consent.consentId, now());
    return consent;
  }

  async #write(patient: Patient, category: FormCategory, tracker: DeliveryTracker) {
    const n = patient.written;
    patient.written += 1;
    const record = await this.#api('write', () =>
      patient.session.send<RecordSummary>(
        'POST',
        `/api/patients/${patient.id}/records`,
        clinicalRecord(category, patient.index * 1000 + n),
      ),
    );
    tracker.answered('RecordCreated', record.recordId, now());
    return record;
  }

  async #read(recordId: string, tracker?: DeliveryTracker) {
    const read = await this.#api('read', () =>
      this.#doctor.send<RecordRead>('GET', `/api/records/${recordId}`),
    );
    tracker?.answered('RecordAccessed', read.access.accessId, now());
    return read;
  }

  async #idleCpu() {
    const window = new CpuWindow(MEASURED_PROCESSES, this.#ticksPerSecond);
    await sleep(IDLE_WINDOW_MS);
    return window.end();
  }

  /** The patients whose writes are timed before and after the fill, and whose records are read. */
  async #probePatients() {
    const probe: Patient[] = [];
    let next = 0;
    const slots = Array.from({ length: this.options.writers }, (_, i) => i);
    await submitConcurrently(
      slots,
      slots.length,
      this.#step(async () => {
        const patient = await this.#signUp('probe', next++);
        await this.#openStream(patient.session);
        await this.#share(patient, { all: true });
        probe.push(patient);
      }),
      () => {},
    );
    if (probe.length === 0) throw new CountedFailure('no probe patient could sign up and share', 0);
    return probe;
  }

  /**
   * One measurement: the probe patients' concurrent writes, then the doctor's consent-checked
   * reads at 1 client and at `readers` clients, timing the events of both. The first
   * measurement's writes become the records both measurements read, so both read the same.
   */
  async #measure(
    probe: Patient[],
    readTargets: string[],
    idleBefore: CpuPercent | undefined,
    label: 'start' | 'end',
  ): Promise<Snapshot> {
    const tally = label === 'start' ? this.#tally : this.#beginPhase();
    const tracker = this.#newTracker();
    const load = new CpuWindow(MEASURED_PROCESSES, this.#ticksPerSecond);
    const total = probe.length * PROBE_WRITES_PER_WRITER;
    this.log(`  ${total} writes from ${probe.length} concurrent patients …`);
    const writes = await submitConcurrently(
      probe,
      total,
      this.#step(async (patient: Patient) => {
        const category =
          FORM_CATEGORIES[(patient.index + patient.written) % FORM_CATEGORIES.length]!;
        const record = await this.#write(patient, category, tracker);
        if (label === 'start') readTargets.push(record.recordId);
      }),
      () => {},
    );
    const readsOneClient = await this.#readProbe(readTargets, 1, READS_AT_ONE_CLIENT, tracker);
    const { readers } = this.options;
    const readsConcurrent = await this.#readProbe(
      readTargets,
      readers,
      readers * READS_PER_CONCURRENT_CLIENT,
      tracker,
    );
    const cpuUnderLoad = load.end();
    // The reads' events too: what follows (the fill, the idle window) starts once they are in.
    this.log(`  waiting for the last events (${tracker.awaitingCount} awaited) …`);
    await this.#settle(tracker);
    const events = tracker.report(now());
    if (!idleBefore) this.log(`  idle CPU for ${IDLE_WINDOW_MS / 1000} s …`);
    const cpuIdle = idleBefore ?? (await this.#idleCpu());
    return {
      readsOneClient,
      readsConcurrent,
      writes: throughput(writes),
      events,
      cpuUnderLoad,
      cpuIdle,
      responses: responsesOf(tally),
    };
  }

  async #readProbe(targets: string[], clients: number, total: number, tracker: DeliveryTracker) {
    this.log(`  ${total} consent-checked reads from ${clients} concurrent client(s) …`);
    let started = 0;
    return this.#reads(targets, clients, () => started++ < total, tracker);
  }

  /** The doctor's consent-checked reads of `targets` in turn, from `clients` at once. */
  async #reads(targets: string[], clients: number, more: () => boolean, tracker?: DeliveryTracker) {
    if (targets.length === 0) {
      this.log('  (no records to read: every probe write failed)');
      return throughput(NOTHING_TIMED);
    }
    let next = 0;
    const slots = Array.from({ length: clients }, (_, i) => i);
    const result = await submitWhile(
      slots,
      more,
      this.#step(async () => {
        await this.#read(targets[next++ % targets.length]!, tracker);
      }),
      () => {},
    );
    return throughput(result);
  }

  /** Waits until every awaited event has come, or the last one's deadline has passed. */
  async #settle(tracker: DeliveryTracker) {
    while (tracker.awaitingCount > 0 && now() <= tracker.lastAnsweredAt + EVENT_DEADLINE_MS)
      await sleep(200);
  }

  /**
   * The fill: `patients` new patients, `fillWriters` at a time. Each shares one category with
   * the doctor, writes `records` forms of varied categories, and the doctor reads every second
   * record of the shared category soon after it is written (≈ 10 % of all records).
   */
  async #fill(): Promise<FillResult> {
    const { patients, records, fillWriters } = this.options;
    const target = patients * records;
    this.log(
      `Filling: ${patients} patients × ${records} records = ${target} records, ${fillWriters} at a time …`,
    );
    const tally = this.#beginPhase();
    const tracker = this.#newTracker();
    const load = new CpuWindow(MEASURED_PROCESSES, this.#ticksPerSecond);
    const writeLatencies: number[] = [];
    const readLatencies: number[] = [];
    const counts = {
      signedUp: 0,
      written: 0,
      shares: 0,
      reads: 0,
      failedWrites: 0,
      failedReads: 0,
    };
    const lingering: Promise<void>[] = [];
    const began = now();
    const progress = () => {
      const seconds = (now() - began) / 1000;
      this.log(
        `  ${counts.written}/${target} records  ${(counts.written / seconds).toFixed(1)}/s  ` +
          `${formatDuration(seconds)}  patients ${counts.signedUp}/${patients}  ` +
          `errors ${tally.unsuccessful} (5xx or no answer ${tally.serverFailures})  ` +
          `events awaited ${tracker.awaitingCount}`,
      );
    };
    const ticker = setInterval(progress, PROGRESS_EVERY_MS);

    const fillPatient = async (index: number) => {
      const patient = await this.#signUp('p', index);
      counts.signedUp += 1;
      const stream = await this.#openStream(patient.session);
      const awaited: string[] = [];
      try {
        // A patient whose share failed still writes; the doctor then reads none of theirs.
        const sharedCategory = FORM_CATEGORIES[index % FORM_CATEGORIES.length]!;
        let shared: FormCategory | undefined = sharedCategory;
        try {
          await this.#share(patient, { categories: [sharedCategory] }, tracker);
          counts.shares += 1;
        } catch (error) {
          if (!(error instanceof CountedFailure)) throw error;
          shared = undefined;
        }
        let sharedWritten = 0;
        for (let r = 0; r < records; r += 1) {
          const category = FORM_CATEGORIES[(index + r) % FORM_CATEGORIES.length]!;
          const t0 = now();
          let recordId: string;
          try {
            ({ recordId } = await this.#write(patient, category, tracker));
          } catch (error) {
            if (!(error instanceof CountedFailure)) throw error;
            counts.failedWrites += 1;
            continue;
          }
          writeLatencies.push(now() - t0);
          counts.written += 1;
          awaited.push(DeliveryTracker.key('RecordCreated', recordId));
          if (category !== shared || sharedWritten++ % 2 !== 0) continue;
          const r0 = now();
          try {
            await this.#read(recordId, tracker);
            readLatencies.push(now() - r0);
            counts.reads += 1;
          } catch (error) {
            if (!(error instanceof CountedFailure)) throw error;
            counts.failedReads += 1;
          }
        }
      } finally {
        // The patient's page stays open until its own events came in (or their deadline).
        lingering.push(this.#closeWhenDelivered(stream, tracker, awaited));
      }
    };

    let next = 0;
    const slots = Array.from({ length: fillWriters }, (_, i) => i);
    try {
      await submitConcurrently(
        slots,
        patients,
        this.#step(() => fillPatient(next++)),
        () => {},
      );
    } finally {
      clearInterval(ticker);
    }
    const seconds = (now() - began) / 1000;
    progress();
    const cpu = load.end();
    this.log('  waiting for the last events …');
    await Promise.all(lingering);
    await this.#settle(tracker);
    const bench = (latenciesMs: number[], failures: number) =>
      throughput({ transactions: latenciesMs.length, failures, seconds, latenciesMs });
    return {
      patientsSignedUp: counts.signedUp,
      recordsWritten: counts.written,
      shares: counts.shares,
      doctorReads: counts.reads,
      seconds,
      writes: bench(writeLatencies, counts.failedWrites),
      reads: bench(readLatencies, counts.failedReads),
      events: tracker.report(now()),
      cpu,
      streamReconnects:
        this.#streamReconnects + [...this.#streams].reduce((sum, s) => sum + s.reconnects, 0),
      responses: responsesOf(tally),
    };
  }

  /**
   * Catch-up after a restart: the gateway starts again with its event listener's checkpoint
   * `catchUpBlocks` back, as after a long stop, and re-reads those blocks while the doctor's
   * consent-checked reads are timed as at the end. A failure here is reported, not thrown:
   * the figures of the run so far are kept.
   */
  async #catchUp(readTargets: string[]): Promise<CatchUpOutcome> {
    const cannot = this.restarter.cannotRestart();
    if (cannot) {
      this.log(`Skipping the catch-up after a restart: ${cannot}.`);
      return { notRun: cannot };
    }
    try {
      return await this.#restartAndCatchUp(readTargets);
    } catch (error) {
      const reason = `it failed: ${errorText(error)}`;
      this.log(`  ! the catch-up after a restart was not measured, ${reason}`);
      return { notRun: reason };
    }
  }

  async #restartAndCatchUp(readTargets: string[]): Promise<CatchUpResult> {
    const toBlock = await this.restarter.checkpointBlock();
    const fromBlock = rewoundCheckpoint(toBlock, this.options.catchUpBlocks);
    this.log(
      `Catch-up after a restart: the event listener is at block ${toBlock}; ` +
        `restarting the gateway from block ${fromBlock} …`,
    );
    const tally = this.#beginPhase();
    const stoppedAt = now();
    // The listener starts with the process, before it answers: catch-up is timed from there.
    const launchedAt = await this.restarter.restartFrom(fromBlock);
    const answeredAt = now();
    const load = new CpuWindow(MEASURED_PROCESSES, this.#ticksPerSecond);
    const { caughtUp, backAt, reads } = await this.#readWhileCatchingUp(
      readTargets,
      toBlock,
      answeredAt,
    );
    const cpu = load.end();
    const seconds = (backAt - launchedAt) / 1000;
    this.log(
      caughtUp === 'not within the deadline'
        ? `  not caught up ${formatDuration(seconds)} after the launch: stopped waiting`
        : `  caught up ${formatDuration(seconds)} after the launch, ${reads.count} reads meanwhile`,
    );
    return {
      blocks: toBlock - fromBlock,
      fromBlock,
      toBlock,
      downSeconds: (answeredAt - stoppedAt) / 1000,
      answeredAfterSeconds: (answeredAt - launchedAt) / 1000,
      seconds,
      caughtUp,
      reads,
      cpu,
      responses: responsesOf(tally),
    };
  }

  /** The doctor's reads at `readers` clients until the checkpoint is back at `block`. */
  async #readWhileCatchingUp(targets: string[], block: number, answeredAt: number) {
    if ((await this.restarter.checkpointBlock()) >= block) {
      this.log('  the checkpoint was back before the gateway answered: no read to time');
      return {
        caughtUp: 'before it answered' as const,
        backAt: answeredAt,
        reads: throughput(NOTHING_TIMED),
      };
    }
    await this.#keepDoctorLoggedIn();
    const { readers } = this.options;
    this.log(
      `  consent-checked reads from ${readers} concurrent clients until the checkpoint ` +
        `is back at block ${block} …`,
    );
    let catchingUp = true;
    const [reads, backAt] = await Promise.all([
      this.#reads(targets, readers, () => catchingUp),
      this.#checkpointBackAt(block, answeredAt).finally(() => (catchingUp = false)),
    ]);
    return backAt === undefined
      ? { caughtUp: 'not within the deadline' as const, backAt: now(), reads }
      : { caughtUp: 'while reading' as const, backAt, reads };
  }

  /** Sessions are kept in the store, so they should outlive a restart; if not, log in again. */
  async #keepDoctorLoggedIn() {
    try {
      await this.#doctor.send('GET', '/api/me');
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      this.log("  the doctor's session did not outlive the restart: logging in again …");
      await this.#logInDoctor();
    }
  }

  /** When the checkpoint was back at `block`; undefined if the deadline passed first. */
  async #checkpointBackAt(block: number, since: number): Promise<number | undefined> {
    let shownAt = since;
    while (now() - since < CATCH_UP_DEADLINE_MS) {
      const at = await this.restarter.checkpointBlock();
      if (at >= block) return now();
      if (now() - shownAt >= PROGRESS_EVERY_MS) {
        shownAt = now();
        this.log(
          `  checkpoint at block ${at} of ${block}, ${formatDuration((shownAt - since) / 1000)}`,
        );
      }
      await sleep(CHECKPOINT_POLL_MS);
    }
    return undefined;
  }

  async #closeWhenDelivered(stream: EventStreamClient, tracker: DeliveryTracker, keys: string[]) {
    const deadline = now() + EVENT_DEADLINE_MS;
    while (now() < deadline && keys.some((key) => tracker.isAwaiting(key))) await sleep(250);
    await this.#closeStream(stream);
  }
}

/** The ID an event is matched by: the thing the write created. */
function idOfEvent(event: LedgerEvent): string | undefined {
  const id =
    event.name === 'RecordCreated'
      ? event.ids.recordId
      : event.name === 'AccessShared'
        ? event.ids.consentId
        : event.name === 'RecordAccessed'
          ? event.ids.accessId
          : undefined;
  return id ?? undefined;
}

/** The block the listener resumes at to re-read `blocks` before `checkpoint`: never below 0. */
export function rewoundCheckpoint(checkpoint: number, blocks: number) {
  return Math.max(0, checkpoint - blocks);
}

export function formatDuration(seconds: number) {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0
    ? `${h}h${String(m).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(s).padStart(2, '0')}s`
      : `${s}s`;
}

const ms = (value: number | null) => (value === null ? '–' : `${value}`);
const pair = (a: number | null, b: number | null) => `${ms(a)} / ${ms(b)} ms`;
const rate = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)}/s`);
const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${value.toFixed(1)} %`;
const cpuPair = (cpu: CpuPercent) =>
  `${pct(cpu[databaseProcessName])} / ${pct(cpu[gatewayProcessName])}`;
const delivery = (e: LatencySummary) => `${ms(e.p50Ms)} / ${ms(e.p99Ms)} / ${ms(e.maxMs)} ms`;

/** The printed report: start and after-fill side by side, the fill itself, then the catch-up. */
export function formatScaleTable(result: ScaleResult): string {
  const { start, end, fill, options } = result;
  const width = 44;
  const col = 26;
  const row = (label: string, a: string, b: string) =>
    `  ${label.padEnd(width)}${a.padEnd(col)}${b}`;
  const fillRow = (label: string, value: string) => `  ${label.padEnd(width)}${value}`;
  const failureLines = (phase: string, responses: PhaseResponses) =>
    responses.failures.map(
      (f) =>
        `  ${phase.padEnd(9)}${f.operation}: ${f.status || 'no answer'} ${f.code ?? ''} ×${f.count}  ${f.message}`,
    );
  const byStatus = formatByStatus(fill.responses.byOperation);
  const catchUpLines = (catchUp: CatchUpOutcome) => {
    const title = 'Catch-up after a restart';
    if ('notRun' in catchUp) return [`${title}: not measured, ${catchUp.notRun}`];
    const { reads, responses } = catchUp;
    const before = end.readsConcurrent;
    const took = formatDuration(catchUp.seconds);
    const how = {
      'before it answered': 're-read before the gateway answered, so no read during it',
      'while reading': `re-read in ${took} from the gateway's launch`,
      'not within the deadline': `not re-read yet ${took} after the gateway's launch: stopped waiting`,
    }[catchUp.caughtUp];
    return [
      `${title}: ${catchUp.blocks} blocks (${catchUp.fromBlock} → ${catchUp.toBlock}) ${how}`,
      `  the gateway answered ${formatDuration(catchUp.answeredAfterSeconds)} after its launch, ` +
        `down ${formatDuration(catchUp.downSeconds)} in all`,
      row('', 'during catch-up', 'after the fill'),
      row(
        `read p50 / p99, ${options.readers} clients`,
        pair(reads.p50Ms, reads.p99Ms),
        pair(before.p50Ms, before.p99Ms),
      ),
      row(`reads/s, ${options.readers} clients`, rate(reads.perSecond), rate(before.perSecond)),
      row(
        'reads timed / failed',
        `${reads.count} / ${reads.failed}`,
        `${before.count} / ${before.failed}`,
      ),
      fillRow('CPU: database / gateway', cpuPair(catchUp.cpu)),
      fillRow('5xx or no answer / all answers', `${responses.serverFailures} / ${responses.total}`),
    ];
  };
  const eventRows = Object.entries(fill.events.byEvent).map(([name, e]) =>
    fillRow(`  ${name} (${e.expected})`, `${delivery(e)}, ${e.notWithinDeadline} not within 30 s`),
  );
  const lines = [
    `Scale benchmark through the gateway API (BatchTimeout ${result.batchTimeout}, doctor ${result.doctorId})`,
    row('', 'start', `after the fill (+${fill.recordsWritten} records)`),
    row(
      'read p50 / p99, 1 client',
      pair(start.readsOneClient.p50Ms, start.readsOneClient.p99Ms),
      pair(end.readsOneClient.p50Ms, end.readsOneClient.p99Ms),
    ),
    row(
      `read p50 / p99, ${options.readers} clients`,
      pair(start.readsConcurrent.p50Ms, start.readsConcurrent.p99Ms),
      pair(end.readsConcurrent.p50Ms, end.readsConcurrent.p99Ms),
    ),
    row(
      `reads/s, ${options.readers} clients`,
      rate(start.readsConcurrent.perSecond),
      rate(end.readsConcurrent.perSecond),
    ),
    row(
      `writes/s, ${options.writers} patients`,
      rate(start.writes.perSecond),
      rate(end.writes.perSecond),
    ),
    row(
      `write p50 / p99, ${options.writers} patients`,
      pair(start.writes.p50Ms, start.writes.p99Ms),
      pair(end.writes.p50Ms, end.writes.p99Ms),
    ),
    ...['RecordCreated', 'RecordAccessed'].map((name) =>
      row(
        `${name} delivery p50 / p99 / max`,
        delivery(start.events.byEvent[name] ?? summarise([])),
        delivery(end.events.byEvent[name] ?? summarise([])),
      ),
    ),
    row(
      'events not within 30 s',
      `${start.events.notWithinDeadline} of ${start.events.expected}`,
      `${end.events.notWithinDeadline} of ${end.events.expected}`,
    ),
    row(
      'CPU under load: database / gateway',
      cpuPair(start.cpuUnderLoad),
      cpuPair(end.cpuUnderLoad),
    ),
    row('CPU idle 10 s: database / gateway', cpuPair(start.cpuIdle), cpuPair(end.cpuIdle)),
    row(
      '5xx or no answer / all answers',
      `${start.responses.serverFailures} / ${start.responses.total}`,
      `${end.responses.serverFailures} / ${end.responses.total}`,
    ),
    '',
    `During the fill: ${fill.patientsSignedUp}/${options.patients} patients, ${fill.recordsWritten}/${
      options.patients * options.records
    } records, ${fill.shares} shares, ${fill.doctorReads} doctor reads, ${options.fillWriters} writers, ${formatDuration(fill.seconds)}`,
    fillRow(
      'writes/s, p50 / p99',
      `${rate(fill.writes.perSecond)}, ${pair(fill.writes.p50Ms, fill.writes.p99Ms)}`,
    ),
    fillRow('doctor read p50 / p99', pair(fill.reads.p50Ms, fill.reads.p99Ms)),
    fillRow(
      'event delivery p50 / p99 / max',
      `${delivery(fill.events)}, ${fill.events.notWithinDeadline} not within 30 s`,
    ),
    ...eventRows,
    fillRow('CPU: database / gateway', cpuPair(fill.cpu)),
    fillRow('event stream reconnects', String(fill.streamReconnects)),
    fillRow('answers by status', byStatus),
    fillRow('5xx or no answer', String(fill.responses.serverFailures)),
    '',
    ...catchUpLines(result.catchUp),
  ];
  const failures = [
    ...failureLines('start', start.responses),
    ...failureLines('fill', fill.responses),
    ...failureLines('end', end.responses),
    ...('notRun' in result.catchUp ? [] : failureLines('catch-up', result.catchUp.responses)),
  ];
  if (failures.length)
    lines.push('', 'Server failures (5xx) and requests without an answer:', ...failures);
  return lines.join('\n');
}

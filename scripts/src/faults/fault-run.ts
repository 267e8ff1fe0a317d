import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PhaseResponses } from '../bench/scale-bench.js';
import type { ResponseTally } from '../bench/response-tally.js';
import { paths } from '../runtime/paths.js';
import type { DemoLogin } from '../services/demo-accounts.js';
import { gatewayProcessName } from '../services/gateway.js';
import { killAndWatch, type Kill } from './fault-injector.js';
import { planFaults, type FaultKind, type PlannedFault } from './fault-plan.js';
import type { FaultOutcome, FaultRunResult } from './fault-report.js';
import {
  listingPage,
  tallyIntegrity,
  writesBackAfter,
  type IntegrityFigures,
  type ReadOutcome,
} from './fault-tally.js';
import type { FaultTargets } from './fault-targets.js';
import { MixedLoad } from './mixed-load.js';
import { readRecord, readRecordPatiently } from './record-reads.js';

export interface FaultRunOptions {
  minutes: number;
  patients: number;
  intervalSeconds: number;
  faults: FaultKind[];
  /** Pause between a patient's writes. */
  thinkMs: number;
  /** How long records without their content are read again before they count (the reconciler). */
  recheckSeconds: number;
}

const FIRST_FAULT_AT_S = 15;
/** The last kill comes at least this long before the load ends. */
const LAST_FAULT_BEFORE_END_S = 15;
const SETTLE_DEADLINE_MS = 120_000;
const END_READERS = 16;
const END_READ_PATIENCE_MS = 30_000;
const RECHECK_EVERY_MS = 15_000;
const EVENT_WAIT_MS = 30_000;
const LOG_LINES_PER_RECORD = 8;

export class ServicesNotAnswering extends Error {
  override name = 'ServicesNotAnswering';
}

const now = () => performance.now();

function responsesOf(tally: ResponseTally): PhaseResponses {
  return {
    total: tally.total,
    unsuccessful: tally.unsuccessful,
    serverFailures: tally.serverFailures,
    byOperation: tally.byOperation(),
    failures: tally.failures(),
  };
}

/**
 * `npm run test:faults`: a mixed load through the gateway API while the processes of the
 * running PatRec are SIGKILLed one after another and the watchdog brings them back; then
 * every acknowledged write, every ledger record of the run's patients and every listener
 * are checked.
 */
export class FaultRun {
  readonly #runId = randomInt(1e9).toString(36);
  readonly #load: MixedLoad;

  constructor(
    readonly gatewayUrl: string,
    readonly doctorLogin: DemoLogin,
    readonly targets: FaultTargets,
    readonly options: FaultRunOptions,
    readonly log: (message: string) => void,
  ) {
    this.#load = new MixedLoad(
      gatewayUrl,
      doctorLogin,
      this.#runId,
      options.patients,
      options.thinkMs,
      log,
    );
  }

  /** The kills this run will make, for the CLI to show before it starts. */
  plan(): PlannedFault[] {
    return planFaults({
      minutes: this.options.minutes,
      intervalSeconds: this.options.intervalSeconds,
      firstAtSeconds: FIRST_FAULT_AT_S,
      settleSeconds: LAST_FAULT_BEFORE_END_S,
      kinds: this.options.faults,
    });
  }

  async run(): Promise<FaultRunResult> {
    const startedAt = new Date().toISOString();
    await this.#checkEverythingAnswers();
    const load = this.#load;
    this.log(`Signing up ${this.options.patients} patients and opening their event streams …`);
    await load.prepare();

    const plan = this.plan();
    this.log(
      `Load for ${this.options.minutes} min with ${plan.length} SIGKILLs: ` +
        plan.map((f) => `${f.atSeconds} s ${f.kind}`).join(', '),
    );
    const began = now();
    load.start();
    const progress = setInterval(() => this.#progress(began), 10_000);
    const kills: { fault: PlannedFault; process: string; kill: Kill }[] = [];
    try {
      for (const fault of plan) {
        const wait = began + fault.atSeconds * 1000 - now();
        if (wait > 0) await sleep(wait);
        kills.push(await this.#inject(fault, began));
      }
      const end = began + this.options.minutes * 60_000 - now();
      if (end > 0) await sleep(end);
    } finally {
      clearInterval(progress);
      this.log('Stopping the load (writes in flight finish, with their retries) …');
      await load.stop();
    }
    const loadSeconds = (now() - began) / 1000;

    await this.#settle();
    const integrity = await this.#check(began);
    await load.closeStreams();

    const faults: FaultOutcome[] = kills.map(({ fault, process, kill }) => ({
      kind: fault.kind,
      process,
      pid: kill.pid,
      killedAt: new Date(performance.timeOrigin + kill.killedAt).toISOString(),
      atSeconds: (kill.killedAt - began) / 1000,
      restartedAfterSeconds:
        kill.restartedAt === null ? null : (kill.restartedAt - kill.killedAt) / 1000,
      answeredAfterSeconds:
        kill.answeredAt === null ? null : (kill.answeredAt - kill.killedAt) / 1000,
      writesBackAfterSeconds: writesBackAfter(load.acknowledged, kill.killedAt),
      ...(kill.error ? { error: kill.error } : {}),
    }));
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      gatewayUrl: this.gatewayUrl,
      options: {
        minutes: this.options.minutes,
        patients: this.options.patients,
        intervalSeconds: this.options.intervalSeconds,
        faults: this.options.faults,
      },
      doctorId: this.doctorLogin.id,
      load: {
        seconds: loadSeconds,
        patients: load.patients.length,
        ...load.counts,
        givenUp: load.givenUp.map(({ startedAt, ...write }) => ({
          ...write,
          atSeconds: (startedAt - began) / 1000,
        })),
        streamReconnects: load.streamReconnects,
        responses: responsesOf(load.tally),
      },
      faults,
      integrity,
      gatewayLog: gatewayLogLines(integrity),
    };
  }

  async #checkEverythingAnswers() {
    const down = [];
    for (const target of this.targets.everyService())
      if (!(await target.answers())) down.push(target.process);
    if (down.length > 0) {
      throw new ServicesNotAnswering(
        `not answering before the run: ${down.join(', ')}. Check \`npm run status\` (and run \`npm start\`)`,
      );
    }
  }

  #progress(began: number) {
    const load = this.#load;
    const { writeAttempts, writesNotAcknowledged } = load.counts;
    this.log(
      `  ${((now() - began) / 1000).toFixed(0)} s: ${load.acknowledged.length} writes acknowledged ` +
        `(${writeAttempts} sent, ${writesNotAcknowledged} given up), 5xx or no answer ${load.tally.serverFailures}, ` +
        `stream reconnects ${load.streamReconnects}`,
    );
  }

  async #inject(fault: PlannedFault, began: number) {
    let process = fault.kind as string;
    try {
      const target = await this.targets.of(fault);
      process = target.process;
      this.log(
        `  ${((now() - began) / 1000).toFixed(0)} s: SIGKILL ${target.process} (${fault.kind}) …`,
      );
      const kill = await killAndWatch(target);
      const after = (at: number | null) =>
        at === null ? 'never' : `${((at - kill.killedAt) / 1000).toFixed(1)} s`;
      this.log(
        kill.error
          ? `    ✗ ${kill.error}`
          : `    restarted after ${after(kill.restartedAt)}, answering after ${after(kill.answeredAt)}`,
      );
      return { fault, process, kill };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log(`    ✗ ${message}`);
      const at = now();
      return {
        fault,
        process,
        kill: { pid: null, killedAt: at, restartedAt: null, answeredAt: null, error: message },
      };
    }
  }

  /** Waits until every service answers again: the check at the end starts from a whole system. */
  async #settle() {
    this.log('Waiting until every service answers …');
    const deadline = now() + SETTLE_DEADLINE_MS;
    for (const target of this.targets.everyService()) {
      while (!(await target.answers())) {
        if (now() > deadline) {
          this.log(`  ✗ ${target.process} does not answer: checking what can be checked`);
          break;
        }
        await sleep(500);
      }
    }
  }

  /** Lists every patient's records on the ledger and reads each one, and each acknowledged one. */
  async #check(began: number): Promise<IntegrityFigures> {
    const load = this.#load;
    this.log('Listing every patient’s records on the ledger …');
    const listed = new Map<string, string[]>();
    for (const patient of load.patients) {
      listed.set(patient.id, await this.#listAll(patient.session.cookie, patient.id));
    }
    const owner = new Map<string, (typeof load.patients)[number]>();
    for (const patient of load.patients) {
      for (const id of listed.get(patient.id) ?? []) owner.set(id, patient);
    }
    const byId = new Map(load.patients.map((p) => [p.id, p]));
    for (const write of load.acknowledged) {
      if (!owner.has(write.recordId)) owner.set(write.recordId, byId.get(write.patientId)!);
    }
    this.log(`Reading back ${owner.size} records, ${END_READERS} at a time …`);
    const readsAtEnd = new Map<string, ReadOutcome>();
    const readOne = (recordId: string) => {
      const patient = owner.get(recordId)!;
      return readRecordPatiently(
        () =>
          readRecord(this.gatewayUrl, patient.session.cookie, recordId, load.tally, 'check read'),
        END_READ_PATIENCE_MS,
      );
    };
    await inParallel([...owner.keys()], END_READERS, async (recordId) => {
      readsAtEnd.set(recordId, await readOne(recordId));
    });
    const missingAtFirstCheck = await this.#recheckMissing(readsAtEnd, readOne);
    await this.#waitForEvents();
    const figures = tallyIntegrity({
      acknowledged: load.acknowledged,
      listed,
      readsAtEnd,
      eventsReceived: load.eventsReceived(),
      wrongDuringRun: load.wrongDuringRun,
      missingAtFirstCheck,
    });
    // A record completed later carries its tag again: say which write it was, and when.
    for (const problem of figures.repairedLater) {
      const read = readsAtEnd.get(problem.recordId);
      const tag = read?.kind === 'content' ? read.tag : undefined;
      const write = load.givenUp.find((w) => w.tag === tag);
      if (tag) problem.detail += `; write ${tag}`;
      if (write) {
        const at = ((write.startedAt - began) / 1000).toFixed(0);
        problem.detail += ` sent ${at} s into the run, given up after ${write.attempts} attempts (last: ${write.lastStatus || 'no answer'} ${write.lastMessage})`;
      }
    }
    return figures;
  }

  /**
   * A record whose content is missing may be one the gateway finishes later (a write left
   * staged by a crash, which the reconciler commits); it is read again until that had time.
   */
  async #recheckMissing(
    reads: Map<string, ReadOutcome>,
    readOne: (recordId: string) => Promise<ReadOutcome>,
  ): Promise<Map<string, number | null>> {
    const missing = () =>
      [...reads].filter(([, o]) => o.kind === 'integrity' && o.problem === 'missing');
    const first = missing().map(([id]) => id);
    const foundAfter = new Map<string, number | null>(first.map((id) => [id, null]));
    if (first.length === 0) return foundAfter;
    const since = now();
    this.log(
      `  ${first.length} records without their content (${first.slice(0, 5).join(', ')}…): ` +
        `reading them again for up to ${this.options.recheckSeconds} s …`,
    );
    const deadline = now() + this.options.recheckSeconds * 1000;
    while (missing().length > 0 && now() < deadline) {
      await sleep(RECHECK_EVERY_MS);
      for (const [id] of missing()) {
        const outcome = await readOne(id);
        reads.set(id, outcome);
        if (outcome.kind === 'content') foundAfter.set(id, (now() - since) / 1000);
      }
    }
    const still = missing().length;
    this.log(
      `  of ${first.length} without content at first: ${first.length - still} found later, ${still} still missing`,
    );
    return foundAfter;
  }

  /** Gives the listeners time for the last events: every acknowledged write's RecordCreated. */
  async #waitForEvents() {
    const load = this.#load;
    const deadline = now() + EVENT_WAIT_MS;
    const awaited = () =>
      load.acknowledged.filter((w) => !load.eventsReceived().get(w.patientId)?.has(w.recordId))
        .length;
    while (awaited() > 0 && now() < deadline) await sleep(500);
  }

  async #listAll(cookie: string, patientId: string): Promise<string[]> {
    const ids: string[] = [];
    let bookmark: string | undefined = '';
    while (bookmark !== undefined) {
      const query: string = bookmark ? `&bookmark=${encodeURIComponent(bookmark)}` : '';
      const body = await this.#getPatiently(
        cookie,
        `/api/patients/${patientId}/records?pageSize=100${query}`,
      );
      const page = listingPage(body);
      ids.push(...page.recordIds);
      bookmark = page.bookmark;
    }
    return ids;
  }

  async #getPatiently(cookie: string, path: string): Promise<unknown> {
    const deadline = now() + END_READ_PATIENCE_MS;
    for (;;) {
      let status = 0;
      let text = '';
      try {
        const response = await fetch(`${this.gatewayUrl}${path}`, {
          headers: { cookie },
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        text = await response.text();
      } catch {
        // no answer: tried again below
      }
      this.#load.tally.count('list', status);
      if (status === 200) return JSON.parse(text) as unknown;
      if (now() > deadline || (status > 0 && status < 500))
        throw new Error(`GET ${path}: ${status || 'no answer'} ${text.slice(0, 200)}`);
      await sleep(1000);
    }
  }
}

/** Runs `step` over `items` with at most `width` at once. */
async function inParallel<T>(items: T[], width: number, step: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await step(items[next++]!);
    }),
  );
}

/** The gateway's log lines that name each record behind a must-be-zero figure. */
function gatewayLogLines(integrity: IntegrityFigures): Record<string, string[]> {
  const ids = new Set(
    [
      ...integrity.lost,
      ...integrity.hashesWithoutContent,
      ...integrity.integrityFailures,
      ...integrity.wrongContent,
      ...integrity.repairedLater,
    ].map((p) => p.recordId),
  );
  if (ids.size === 0) return {};
  let log: string[];
  try {
    log = readFileSync(paths.log(gatewayProcessName), 'utf8').split('\n');
  } catch {
    return {};
  }
  return Object.fromEntries(
    [...ids].map((id) => [
      id,
      log.filter((line) => line.includes(id)).slice(-LOG_LINES_PER_RECORD),
    ]),
  );
}

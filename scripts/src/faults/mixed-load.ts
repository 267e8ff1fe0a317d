import { setTimeout as sleep } from 'node:timers/promises';
import type {
  ConsentView,
  CreatedAccount,
  LedgerEvent,
  PatientSignUp,
  RecordSummary,
  Share,
} from '@patrec/contract';
import { IDEMPOTENCY_HEADER } from '@patrec/contract';
import { freshTotp } from '../../../gateway/src/test-support/fresh-totp.js';
import { EventStreamClient } from '../bench/event-stream.js';
import { ApiError, HttpSession } from '../bench/http-session.js';
import { ResponseTally } from '../bench/response-tally.js';
import type { DemoLogin } from '../services/demo-accounts.js';
import type { AcknowledgedWrite, ReadOutcome, WrongContent } from './fault-tally.js';
import { readRecord } from './record-reads.js';
import { taggedContent, writeTag } from './tagged-content.js';

/** A write is sent again (same content) for this long after its first attempt. */
const WRITE_RETRY_MS = 20_000;
const RETRY_PAUSES_MS = [500, 1000, 2000];
const OWN_READ_EVERY = 3;
const SHARE_EVERY = 10;
const PASSWORD = 'fault run password 2026';
const SHOWN_FAILURES = 30;

interface Patient {
  index: number;
  id: string;
  email: string;
  session: HttpSession;
  stream: EventStreamClient;
  /** RecordCreated record IDs its listener received. */
  created: Set<string>;
}

/** A write the client gave up on: its outcome is unknown to the client. */
export interface GivenUpWrite {
  tag: string;
  patientId: string;
  /** `performance.now()` of its first attempt. */
  startedAt: number;
  attempts: number;
  /** The last attempt's status (0: no answer) and message. */
  lastStatus: number;
  lastMessage: string;
}

export interface LoadCounts {
  writeAttempts: number;
  writesNotAcknowledged: number;
  ownReads: number;
  shares: number;
  doctorReads: number;
  revocations: number;
  readsAfterRevocation: number;
  /** The longest a single write request took to be answered (or to fail), in seconds. */
  slowestWriteSeconds: number;
  /** Writes given up, by the status of their last attempt ('0': no answer). */
  givenUpByStatus: Record<string, number>;
}

/** What is sent again: no answer, 5xx, 409 (a write still being resolved), a lost session. */
const isRetriable = (status: number) =>
  status === 0 || status === 401 || status === 409 || status >= 500;

const statusOf = (error: unknown) => (error instanceof ApiError ? error.status : 0);

const errorText = (error: unknown) => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
};

/**
 * Patients writing tagged clinical results continuously through the gateway API, reading
 * some back, sharing single records with the demo doctor (who reads them) and revoking,
 * each with an SSE listener that reconnects with Last-Event-ID. It keeps what each client
 * was told, for the check at the end.
 */
export class MixedLoad {
  readonly tally = new ResponseTally();
  readonly acknowledged: AcknowledgedWrite[] = [];
  readonly wrongDuringRun: WrongContent[] = [];
  readonly givenUp: GivenUpWrite[] = [];
  readonly counts: LoadCounts = {
    writeAttempts: 0,
    writesNotAcknowledged: 0,
    ownReads: 0,
    shares: 0,
    doctorReads: 0,
    revocations: 0,
    readsAfterRevocation: 0,
    slowestWriteSeconds: 0,
    givenUpByStatus: {},
  };
  readonly #patients: Patient[] = [];
  readonly #doctor: HttpSession;
  #running = false;
  #loops: Promise<void>[] = [];
  #failuresShown = 0;

  constructor(
    readonly gatewayUrl: string,
    readonly doctorLogin: DemoLogin,
    readonly runId: string,
    readonly patientCount: number,
    readonly thinkMs: number,
    readonly log: (message: string) => void,
  ) {
    this.#doctor = new HttpSession(gatewayUrl);
  }

  get patients(): readonly Patient[] {
    return this.#patients;
  }

  get streamReconnects() {
    return this.#patients.reduce((sum, p) => sum + p.stream.reconnects, 0);
  }

  /** The RecordCreated record IDs each patient's listener received. */
  eventsReceived(): Map<string, Set<string>> {
    return new Map(this.#patients.map((p) => [p.id, p.created]));
  }

  /** Signs the patients up and opens their listeners, logs the doctor in. */
  async prepare() {
    await this.#logInDoctor();
    const signedUp = await Promise.all(
      Array.from({ length: this.patientCount }, (_, i) => this.#signUp(i)),
    );
    this.#patients.push(...signedUp);
  }

  /** Starts every patient's loop; they run until `stop`. */
  start() {
    this.#running = true;
    this.#loops = this.#patients.map((patient) => this.#patientLoop(patient));
  }

  /** Stops the loops after their current step; resolves when every loop has ended. */
  async stop() {
    this.#running = false;
    await Promise.all(this.#loops);
  }

  async closeStreams() {
    await Promise.all(this.#patients.map((p) => p.stream.close()));
  }

  /** Sends one request and counts its answer (or its lack of one) under `operation`. */
  async #api<T>(operation: string, send: () => Promise<{ status: number; body: T }>) {
    try {
      const { status, body } = await send();
      this.tally.count(operation, status);
      return body;
    } catch (error) {
      const status = statusOf(error);
      const detail =
        error instanceof ApiError
          ? { code: error.code, message: error.apiMessage }
          : { message: errorText(error) };
      const isNew = this.tally.count(operation, status, detail);
      if (isNew && this.#failuresShown < SHOWN_FAILURES) {
        this.#failuresShown += 1;
        this.log(
          `  ! ${operation}: ${status || 'no answer'} ${detail.code ?? ''} ${detail.message}`,
        );
      }
      throw error;
    }
  }

  async #logInDoctor() {
    const { id, password, totpSecret } = this.doctorLogin;
    await this.#api('doctor log-in', async () => ({
      status: await this.#doctor.login(id, password, await freshTotp(totpSecret!, id)),
      body: undefined,
    }));
  }

  async #signUp(index: number): Promise<Patient> {
    const session = new HttpSession(this.gatewayUrl);
    const email = `faults.${this.runId}.p${index}@example.org`;
    const signUp = {
      firstName: 'Fault',
      lastName: `Patient${index}`,
      dateOfBirth: `19${String(50 + (index % 40)).padStart(2, '0')}-03-1${index % 10}`,
      address: `${1 + index} Crash Street`,
      city: 'Restart',
      state: 'Watchdog',
      country: 'Faultland',
      email,
      password: PASSWORD,
    } satisfies PatientSignUp;
    const created = await this.#api('sign-up', () =>
      session.send<CreatedAccount>('POST', '/api/accounts/patients', signUp),
    );
    await this.#api('log-in', async () => ({
      status: await session.login(email, PASSWORD),
      body: undefined,
    }));
    const received = new Set<string>();
    const stream = new EventStreamClient(this.gatewayUrl, session.cookie, (event: LedgerEvent) => {
      if (event.name === 'RecordCreated' && event.ids.recordId) received.add(event.ids.recordId);
    });
    await this.#api('events', async () => {
      await stream.open();
      return { status: 200, body: undefined };
    });
    return { index, id: created.id, email, session, stream, created: received };
  }

  async #patientLoop(patient: Patient) {
    let seq = 0;
    while (this.#running) {
      seq += 1;
      const ack = await this.#write(patient, seq);
      if (ack && seq % OWN_READ_EVERY === 0) await this.#readOwn(patient, ack);
      if (ack && seq % SHARE_EVERY === 0) await this.#shareReadRevoke(patient, ack);
      await sleep(this.thinkMs);
    }
  }

  /** One write, sent again with the same content while the failure is one of the moment. */
  async #write(patient: Patient, seq: number): Promise<AcknowledgedWrite | undefined> {
    const tag = writeTag(this.runId, patient.index, seq);
    const content = taggedContent(tag, patient.index * 100_000 + seq);
    const startedAt = performance.now();
    for (let attempt = 0; ; attempt += 1) {
      this.counts.writeAttempts += 1;
      const sentAt = performance.now();
      const answered = () => {
        const seconds = (performance.now() - sentAt) / 1000;
        this.counts.slowestWriteSeconds = Math.max(this.counts.slowestWriteSeconds, seconds);
      };
      try {
        const record = await this.#api('write', () =>
          // The same key on every attempt: a retry of a write that did reach the ledger
          // gets that record back rather than making a second.
          patient.session.send<RecordSummary>(
            'POST',
            `/api/patients/${patient.id}/records`,
            content,
            { [IDEMPOTENCY_HEADER]: tag },
          ),
        );
        answered();
        const ack = {
          tag,
          patientId: patient.id,
          recordId: record.recordId,
          startedAt,
          acknowledgedAt: performance.now(),
        };
        this.acknowledged.push(ack);
        return ack;
      } catch (error) {
        answered();
        const status = statusOf(error);
        const late = performance.now() - startedAt > WRITE_RETRY_MS;
        if (!isRetriable(status) || late) {
          this.counts.writesNotAcknowledged += 1;
          const { givenUpByStatus } = this.counts;
          givenUpByStatus[status] = (givenUpByStatus[status] ?? 0) + 1;
          this.givenUp.push({
            tag,
            patientId: patient.id,
            startedAt,
            attempts: attempt + 1,
            lastStatus: status,
            lastMessage: error instanceof ApiError ? error.apiMessage : errorText(error),
          });
          return undefined;
        }
        if (status === 401) await this.#logInAgain(patient);
        await sleep(RETRY_PAUSES_MS[Math.min(attempt, RETRY_PAUSES_MS.length - 1)]);
      }
    }
  }

  async #logInAgain(patient: Patient) {
    this.log(`  patient ${patient.id}'s session was refused: logging in again`);
    await this.#api('log-in', async () => ({
      status: await patient.session.login(patient.email, PASSWORD),
      body: undefined,
    })).catch(() => undefined);
  }

  #checkTag(outcome: ReadOutcome, ack: AcknowledgedWrite, reader: string) {
    if (outcome.kind !== 'content') return false;
    if (outcome.tag !== ack.tag) {
      this.wrongDuringRun.push({
        recordId: ack.recordId,
        expectedTag: ack.tag,
        servedTag: outcome.tag ?? null,
        when: 'during the run',
        reader,
      });
      this.log(`  ✗ ${ack.recordId} served ${outcome.tag ?? '(no tag)'} to the ${reader}`);
    }
    return true;
  }

  async #readOwn(patient: Patient, ack: AcknowledgedWrite) {
    const outcome = await readRecord(
      this.gatewayUrl,
      patient.session.cookie,
      ack.recordId,
      this.tally,
      'own read',
    );
    if (this.#checkTag(outcome, ack, 'patient')) this.counts.ownReads += 1;
  }

  /** Shares the one record with the doctor, who reads it; revokes; the doctor must be refused. */
  async #shareReadRevoke(patient: Patient, ack: AcknowledgedWrite) {
    const share = {
      doctorId: this.doctorLogin.id,
      scope: { records: [ack.recordId] },
      permission: 'read',
      durationDays: 1,
    } satisfies Share;
    let consent: ConsentView;
    try {
      consent = await this.#api('share', () =>
        patient.session.send<ConsentView>('POST', '/api/consents/shares', share),
      );
    } catch {
      return;
    }
    this.counts.shares += 1;
    const doctorRead = async (operation: string) => {
      const outcome = await readRecord(
        this.gatewayUrl,
        this.#doctor.cookie,
        ack.recordId,
        this.tally,
        operation,
      );
      if (outcome.kind === 'refused' && outcome.status === 401) {
        await this.#logInDoctor().catch(() => undefined);
      }
      return outcome;
    };
    if (this.#checkTag(await doctorRead('doctor read'), ack, 'doctor'))
      this.counts.doctorReads += 1;
    try {
      await this.#api('revoke', () =>
        patient.session.send<ConsentView>('POST', `/api/consents/${consent.consentId}/revoke`),
      );
    } catch {
      return;
    }
    this.counts.revocations += 1;
    const after = await doctorRead('doctor read after revoke');
    if (after.kind === 'content') {
      this.counts.readsAfterRevocation += 1;
      this.log(`  ✗ ${ack.recordId} was served to the doctor after its share was revoked`);
    }
  }
}

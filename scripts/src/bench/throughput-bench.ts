import { randomInt } from 'node:crypto';
import type { ConsentView, CreatedAccount, PatientSignUp } from '@patrec/contract';
import { freshTotp } from '../../../gateway/src/test-support/fresh-totp.js';
import type { DemoLogin } from '../services/demo-accounts.js';
import { ApiError, HttpSession } from './http-session.js';
import { percentile, submitWhile } from './ledger-bench.js';
import { clockTicksPerSecond, TreeCpuWindow, type TreeCpuSeconds } from './process-cpu.js';
import { ResponseTally } from './response-tally.js';

/** What one timed phase did: answers by status, latencies of the successful ones. */
export interface PhaseFigures {
  label: string;
  clients: number;
  completed: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  byStatus: Record<string, Record<string, number>>;
  /** CPU milliseconds each measured process (and apart, what it started) spent per answer. */
  cpuMsPerAnswer?: Record<string, TreeCpuSeconds>;
}

const PASSWORD = 'throughput bench password';

export function figuresOf(
  label: string,
  clients: number,
  result: { transactions: number; failures: number; seconds: number; latenciesMs: number[] },
  tally?: ResponseTally,
  cpuSeconds?: Record<string, TreeCpuSeconds>,
): PhaseFigures {
  const perAnswer = (seconds: number) => (seconds * 1000) / Math.max(1, result.transactions);
  return {
    label,
    clients,
    completed: result.transactions,
    failed: result.failures,
    seconds: result.seconds,
    perSecond: result.transactions / result.seconds,
    p50Ms: percentile(result.latenciesMs, 0.5),
    p99Ms: percentile(result.latenciesMs, 0.99),
    byStatus: tally?.byOperation() ?? {},
    ...(cpuSeconds && {
      cpuMsPerAnswer: Object.fromEntries(
        Object.entries(cpuSeconds).map(([name, { own, descendants }]) => [
          name,
          { own: perAnswer(own), descendants: perAnswer(descendants) },
        ]),
      ),
    }),
  };
}

/** A new patient through the API, logged in. */
export async function signedUpPatient(gatewayUrl: string, label: string, index: number) {
  const session = new HttpSession(gatewayUrl);
  const email = `${label}.${randomInt(1e9)}.${index}@example.org`;
  const signUp = {
    firstName: 'Throughput',
    lastName: `Patient${index}`,
    dateOfBirth: '1975-05-15',
    address: `${1 + index} Load Street`,
    city: 'Throughput',
    state: 'Latency',
    country: 'Benchland',
    email,
    password: PASSWORD,
  } satisfies PatientSignUp;
  const { id } = await session.call<CreatedAccount>('POST', '/api/accounts/patients', signUp);
  await session.login(email, PASSWORD);
  return { id, session };
}

export async function loggedInDoctor(gatewayUrl: string, login: DemoLogin) {
  const session = new HttpSession(gatewayUrl);
  await session.login(login.id, login.password, await freshTotp(login.totpSecret!, login.id));
  return session;
}

/**
 * Runs `step` from `clients` loops for `seconds`, counting each answer in `tally`, and
 * measures the CPU the named processes and this one spent meanwhile.
 */
async function timedPhase(
  options: PhaseOptions,
  tally: ResponseTally,
  operation: string,
  step: (client: number) => Promise<unknown>,
  log: (message: string) => void,
) {
  const until = performance.now() + options.seconds * 1000;
  const loops = Array.from({ length: options.clients }, (_, i) => i);
  const window = TreeCpuWindow.ofRunning(options.measuredProcesses, clockTicksPerSecond());
  const ownBefore = process.cpuUsage();
  const result = await submitWhile(
    loops,
    () => performance.now() < until,
    async (client) => {
      try {
        await step(client);
        tally.count(operation, 200);
      } catch (error) {
        const status = error instanceof ApiError ? error.status : 0;
        tally.count(operation, status, error instanceof Error ? error : undefined);
        throw error;
      }
    },
    (done) => {
      if (done % 1000 === 0) log(`  ${done} ${operation}s`);
    },
  );
  const own = process.cpuUsage(ownBefore);
  const cpuSeconds = {
    ...window.end(),
    'bench client': { own: (own.user + own.system) / 1e6, descendants: 0 },
  };
  return { result, cpuSeconds };
}

export interface PhaseOptions {
  clients: number;
  seconds: number;
  /** PatRec's processes whose CPU is measured during the timed phase. */
  measuredProcesses: string[];
}

export interface ReadsOptions extends PhaseOptions {
  /** Records the patient writes and shares, read in turn. */
  records: number;
}

/**
 * Consent-checked record reads as a doctor meets them: a new patient writes `records`
 * records and shares them all with the demo doctor, who then reads them from `clients`
 * concurrent loops for `seconds` (each read checked on the ledger and logged there).
 */
export async function benchReads(
  gatewayUrl: string,
  doctorLogin: DemoLogin,
  options: ReadsOptions,
  log: (message: string) => void,
): Promise<PhaseFigures> {
  const patient = await signedUpPatient(gatewayUrl, 'reads', 0);
  log(`${patient.id} writes ${options.records} records and shares them with ${doctorLogin.id} …`);
  const recordIds: string[] = [];
  for (let i = 0; i < options.records; i += 1) {
    const created = await patient.session.call<{ recordId: string }>(
      'POST',
      `/api/patients/${patient.id}/records`,
      {
        category: 'clinical-results',
        form: { testName: 'Ferritin', result: String(20 + i), unit: 'ug/L', takenOn: '2026-11-30' },
      },
    );
    recordIds.push(created.recordId);
  }
  await patient.session.call('POST', '/api/consents/shares', {
    doctorId: doctorLogin.id,
    scope: { all: true },
    permission: 'read',
    durationDays: 1,
  });
  const doctor = await loggedInDoctor(gatewayUrl, doctorLogin);
  log(`${options.clients} clients read for ${options.seconds} s …`);
  const tally = new ResponseTally();
  let next = 0;
  const { result, cpuSeconds } = await timedPhase(
    options,
    tally,
    'read',
    () => doctor.call('GET', `/api/records/${recordIds[next++ % recordIds.length]}`),
    log,
  );
  return figuresOf('consent-checked record reads', options.clients, result, tally, cpuSeconds);
}

/**
 * The floor under every consent-checked read: the same doctor's session asking the gateway
 * for their own account (session, account and sealed profile from the store, no ledger),
 * from as many clients for as long.
 */
export async function benchOffLedger(
  gatewayUrl: string,
  doctorLogin: DemoLogin,
  options: PhaseOptions,
  log: (message: string) => void,
): Promise<PhaseFigures> {
  const doctor = await loggedInDoctor(gatewayUrl, doctorLogin);
  log(`${options.clients} clients ask for their account for ${options.seconds} s (no ledger) …`);
  const tally = new ResponseTally();
  const { result, cpuSeconds } = await timedPhase(
    options,
    tally,
    'account',
    () => doctor.call('GET', '/api/me'),
    log,
  );
  return figuresOf('off the ledger: GET /api/me', options.clients, result, tally, cpuSeconds);
}

export type ConsentsOptions = PhaseOptions;

/**
 * Consent transactions: `clients` new patients each share their records with the demo
 * doctor and revoke the share again, over and over for `seconds`; every share and every
 * revocation is one ledger transaction, counted alone.
 */
export async function benchConsents(
  gatewayUrl: string,
  doctorLogin: DemoLogin,
  options: ConsentsOptions,
  log: (message: string) => void,
): Promise<PhaseFigures> {
  log(`signing up ${options.clients} patients …`);
  const patients = await Promise.all(
    Array.from({ length: options.clients }, (_, i) => signedUpPatient(gatewayUrl, 'consents', i)),
  );
  const open = new Map<number, string>();
  log(`${options.clients} patients share and revoke for ${options.seconds} s …`);
  const tally = new ResponseTally();
  const { result, cpuSeconds } = await timedPhase(
    options,
    tally,
    'consent',
    async (client) => {
      const { session } = patients[client]!;
      const consentId = open.get(client);
      if (consentId) {
        await session.call('POST', `/api/consents/${consentId}/revoke`);
        open.delete(client);
        return;
      }
      const share = await session.call<ConsentView>('POST', '/api/consents/shares', {
        doctorId: doctorLogin.id,
        scope: { all: true },
        permission: 'read',
        durationDays: 1,
      });
      open.set(client, share.consentId);
    },
    log,
  );
  return figuresOf(
    'consent transactions (share, revoke)',
    options.clients,
    result,
    tally,
    cpuSeconds,
  );
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The phases side by side, each with its ratio to the no-op ceiling of the same run. */
export function formatThroughputTable(ceiling: PhaseFigures, phases: PhaseFigures[]) {
  const row = (f: PhaseFigures, ratio: string) =>
    `  ${f.label.padEnd(40)}${String(f.clients).padStart(8)}${f.perSecond
      .toFixed(1)
      .padStart(10)}/s${ms(f.p50Ms).padStart(10)}${ms(f.p99Ms).padStart(10)}${String(
      f.failed,
    ).padStart(8)}${ratio.padStart(10)}`;
  const header = `  ${'what'.padEnd(40)}${'clients'.padStart(8)}${'throughput'.padStart(12)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'errors'.padStart(8)}${'× ceiling'.padStart(10)}`;
  return [
    header,
    row(ceiling, '1.00'),
    ...phases.map((f) => row(f, (f.perSecond / ceiling.perSecond).toFixed(2))),
  ].join('\n');
}

/** Where each answer's CPU went, most first, with the total. */
export function formatCpuPerAnswer(cpu: Record<string, TreeCpuSeconds>, started: string) {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const rows = Object.entries(cpu).sort(
    ([, a], [, b]) => b.own + b.descendants - (a.own + a.descendants),
  );
  const total = rows.reduce((sum, [, { own, descendants }]) => sum + own + descendants, 0);
  return [
    ...rows.map(
      ([name, { own, descendants }]) =>
        `    ${name.padEnd(24)}${ms(own).padStart(10)}${
          descendants > 0 ? `   + ${ms(descendants)} ${started}` : ''
        }`,
    ),
    `    ${'total'.padEnd(24)}${ms(total).padStart(10)}`,
  ].join('\n');
}

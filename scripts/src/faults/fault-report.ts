import type { PhaseResponses } from '../bench/scale-bench.js';
import { formatByStatus } from '../bench/response-tally.js';
import type { FaultKind } from './fault-plan.js';
import type { IntegrityFigures, RecordProblem, WrongContent } from './fault-tally.js';

/** A service must answer again within this many seconds of its SIGKILL. */
export const ANSWER_LIMIT_SECONDS = 10;

/** One SIGKILL and what followed it. */
export interface FaultOutcome {
  kind: FaultKind;
  /** The process killed (its name in .patrec/run), e.g. `orderer1`, `peer0.hospitalb`. */
  process: string;
  pid: number | null;
  killedAt: string;
  /** Seconds after the load began. */
  atSeconds: number;
  /** Seconds until the watchdog had a new process running (its pid file named another pid). */
  restartedAfterSeconds: number | null;
  /** Seconds until it answered again: health 200, a page, a ping, /healthz 200. */
  answeredAfterSeconds: number | null;
  /** Seconds until a write sent after the kill was acknowledged (201). */
  writesBackAfterSeconds: number | null;
  /** Why it could not be killed or was not seen to recover. */
  error?: string;
}

export interface LoadFigures {
  seconds: number;
  patients: number;
  /** Write requests sent, retries included. */
  writeAttempts: number;
  /** Writes given up: refused, or still failing 20 s after the first attempt (503, no answer). */
  writesNotAcknowledged: number;
  /** Those by the status of their last attempt ('0': no answer). */
  givenUpByStatus: Record<string, number>;
  /** The longest a single write request took to be answered (or to fail). */
  slowestWriteSeconds: number;
  /** Each write given up, `atSeconds` after the load began. */
  givenUp: {
    tag: string;
    patientId: string;
    atSeconds: number;
    attempts: number;
    lastStatus: number;
    lastMessage: string;
  }[];
  ownReads: number;
  shares: number;
  doctorReads: number;
  revocations: number;
  /** Doctor reads answered with content after the share was revoked (must be 0). */
  readsAfterRevocation: number;
  streamReconnects: number;
  responses: PhaseResponses;
}

export interface FaultRunResult {
  startedAt: string;
  finishedAt: string;
  gatewayUrl: string;
  options: {
    minutes: number;
    patients: number;
    intervalSeconds: number;
    faults: FaultKind[];
  };
  doctorId: string;
  load: LoadFigures;
  faults: FaultOutcome[];
  integrity: IntegrityFigures;
  /** Lines of .patrec/logs/gateway.log naming each record behind a must-be-zero figure. */
  gatewayLog: Record<string, string[]>;
}

export interface Verdict {
  passed: boolean;
  /** One sentence per failed expectation. */
  failures: string[];
}

/** Which must-be-zero figures were not zero, and which service took too long (or never came). */
export function verdictOf(result: FaultRunResult, limitSeconds = ANSWER_LIMIT_SECONDS): Verdict {
  const { integrity, load } = result;
  const failures: string[] = [];
  const mustBeZero: [string, number][] = [
    ['acknowledged writes lost', integrity.lost.length],
    ['wrong content served', integrity.wrongContent.length],
    ['ledger hashes without content', integrity.hashesWithoutContent.length],
    ['other integrity failures', integrity.integrityFailures.length],
    ['records not checked', integrity.notChecked.length],
    ['events missed by listeners', integrity.eventsMissed.length],
    ['doctor reads served after revocation', load.readsAfterRevocation],
  ];
  for (const [what, n] of mustBeZero) if (n > 0) failures.push(`${what}: ${n}`);
  if (integrity.acknowledged === 0) failures.push('no write was acknowledged at all');
  for (const fault of result.faults) {
    const name = `${fault.process} (${fault.kind}) killed at ${fault.atSeconds.toFixed(0)} s`;
    if (fault.error) failures.push(`${name}: ${fault.error}`);
    else if (fault.answeredAfterSeconds === null) failures.push(`${name}: did not answer again`);
    else if (fault.answeredAfterSeconds > limitSeconds)
      failures.push(
        `${name}: answered again after ${fault.answeredAfterSeconds.toFixed(1)} s (limit ${limitSeconds} s)`,
      );
  }
  return { passed: failures.length === 0, failures };
}

const secs = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} s`);
const SHOWN_PER_FIGURE = 10;
const statusList = (byStatus: Record<string, number>) => {
  const entries = Object.entries(byStatus);
  return entries.length
    ? ` (last answer ${entries.map(([s, n]) => `${s === '0' ? 'none' : s}×${n}`).join(', ')})`
    : '';
};

/** The printed report: the load, each kill with its recovery, the figures, the verdict. */
export function formatFaultTable(result: FaultRunResult, verdict = verdictOf(result)): string {
  const { load, integrity, options } = result;
  const row = (label: string, value: string | number) => `  ${label.padEnd(46)}${value}`;
  const zero = (label: string, problems: unknown[]) =>
    row(label, `${problems.length}${problems.length ? '   ✗ must be 0' : ''}`);
  const faultRows = result.faults.map((f) =>
    [
      `  ${`${f.atSeconds.toFixed(0)} s`.padStart(6)}  `,
      f.kind.padEnd(12),
      f.process.padEnd(17),
      secs(f.restartedAfterSeconds).padStart(9),
      secs(f.answeredAfterSeconds).padStart(10),
      secs(f.writesBackAfterSeconds).padStart(12),
      f.error
        ? `  ✗ ${f.error}`
        : f.answeredAfterSeconds !== null && f.answeredAfterSeconds > ANSWER_LIMIT_SECONDS
          ? `  ✗ over ${ANSWER_LIMIT_SECONDS} s`
          : f.writesBackAfterSeconds === null || f.writesBackAfterSeconds > ANSWER_LIMIT_SECONDS
            ? `  ⚠ writes blocked over ${ANSWER_LIMIT_SECONDS} s`
            : '',
    ].join(''),
  );
  const byStatus = formatByStatus(load.responses.byOperation);
  const problemLines = (title: string, problems: RecordProblem[]) =>
    problems.length === 0
      ? []
      : [
          `  ${title}:`,
          ...problems
            .slice(0, SHOWN_PER_FIGURE)
            .map((p) => `    ${p.recordId} (patient ${p.patientId}): ${p.detail}`),
          ...(problems.length > SHOWN_PER_FIGURE
            ? [`    … and ${problems.length - SHOWN_PER_FIGURE} more (all in the JSON)`]
            : []),
        ];
  const wrongLines = (wrong: WrongContent[]) =>
    wrong.length === 0
      ? []
      : [
          '  wrong content served:',
          ...wrong
            .slice(0, SHOWN_PER_FIGURE)
            .map(
              (w) =>
                `    ${w.recordId} to the ${w.reader} ${w.when}: expected ${w.expectedTag}, got ${w.servedTag ?? '(no tag)'}`,
            ),
        ];
  const logLines = Object.entries(result.gatewayLog).flatMap(([recordId, lines]) =>
    lines.length ? [`  ${recordId} in gateway.log:`, ...lines.map((l) => `    ${l}`)] : [],
  );
  const lines = [
    `Fault run: ${load.patients}/${options.patients} patients writing for ${options.minutes} min, ` +
      `a SIGKILL every ${options.intervalSeconds} s (${options.faults.join(', ')}), doctor ${result.doctorId}`,
    '',
    '  at      fault       process          restarted  answered  writes back  (seconds after the SIGKILL)',
    ...(faultRows.length ? faultRows : ['  (no fault was injected)']),
    '',
    row('write requests (retries included)', load.writeAttempts),
    row('acknowledged writes (201)', integrity.acknowledged),
    row(
      'writes given up, never acknowledged',
      `${load.writesNotAcknowledged}${statusList(load.givenUpByStatus)}`,
    ),
    row('slowest write request', secs(load.slowestWriteSeconds)),
    row('records on the ledger for these patients', integrity.onLedger),
    row('  of them never acknowledged to the client', integrity.onLedgerNotAcknowledged),
    row('  tags on the ledger twice (a retried write)', integrity.duplicateTags),
    row('acknowledged but not in the listing', integrity.acknowledgedNotListed),
    row(
      'own reads / shares / doctor reads / revokes',
      `${load.ownReads} / ${load.shares} / ${load.doctorReads} / ${load.revocations}`,
    ),
    row('event stream reconnects', load.streamReconnects),
    row('answers by status', byStatus),
    '',
    zero('lost (acknowledged, not read back)', integrity.lost),
    zero('wrong content served', integrity.wrongContent),
    zero('ledger hashes without content', integrity.hashesWithoutContent),
    zero('other integrity failures', integrity.integrityFailures),
    row(
      '  without content at first, complete later',
      `${integrity.repairedLater.length}${integrity.repairedLater.length ? '   ⚠ read refused 409 INTEGRITY until then' : ''}`,
    ),
    zero('records that could not be checked', integrity.notChecked),
    zero('RecordCreated events missed by listeners', integrity.eventsMissed),
    row(
      'doctor reads served after revocation',
      `${load.readsAfterRevocation}${load.readsAfterRevocation ? '   ✗ must be 0' : ''}`,
    ),
    ...problemLines('lost', integrity.lost),
    ...wrongLines(integrity.wrongContent),
    ...problemLines('hashes without content', integrity.hashesWithoutContent),
    ...problemLines('other integrity failures', integrity.integrityFailures),
    ...problemLines('without content at first, complete later', integrity.repairedLater),
    ...problemLines('not checked', integrity.notChecked),
    ...problemLines('events missed', integrity.eventsMissed),
    ...(logLines.length ? ['', ...logLines] : []),
    '',
    verdict.passed
      ? `PASSED: nothing lost or wrong, every service answered again within ${ANSWER_LIMIT_SECONDS} s`
      : `FAILED:\n${verdict.failures.map((f) => `  ✗ ${f}`).join('\n')}`,
  ];
  return lines.join('\n');
}

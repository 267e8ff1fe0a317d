import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadNetworkConfig } from '../config/network-config.js';
import { parseFaultKinds, FAULT_KINDS } from '../faults/fault-plan.js';
import { formatFaultTable, verdictOf } from '../faults/fault-report.js';
import { FaultRun } from '../faults/fault-run.js';
import { FaultTargets } from '../faults/fault-targets.js';
import { paths } from '../runtime/paths.js';
import { readDemoLogins } from '../services/demo-accounts.js';
import { gatewayUrl } from '../services/gateway.js';
import { runCli } from './run-cli.js';

class UsageError extends Error {
  override name = 'UsageError';
}

class FaultRunFailed extends Error {
  override name = 'FaultRunFailed';
}

const usage =
  'usage: npm run test:faults -- [--minutes 5] [--patients 8] [--interval 40]\n' +
  `                              [--faults ${FAULT_KINDS.join(',')}] [--think-ms 250]\n` +
  '                              [--recheck-seconds 180]';

/**
 * `npm run test:faults`: patients write, read, share and revoke through the gateway API of
 * the running PatRec while its processes are SIGKILLed one after another (the Raft leader,
 * a peer, the database, the gateway, the web app) and the watchdog restarts them; then every
 * acknowledged write is read back, every ledger record of those patients is read, and every
 * write's event is looked for at its patient's listener. Exits 1 unless nothing was lost or
 * wrong and every service answered again within 10 s.
 */
runCli(async () => {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '5' },
      patients: { type: 'string', default: '8' },
      interval: { type: 'string', default: '40' },
      faults: { type: 'string', default: FAULT_KINDS.join(',') },
      'think-ms': { type: 'string', default: '250' },
      'recheck-seconds': { type: 'string', default: '180' },
    },
  });
  const number = (name: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min)
      throw new UsageError(`--${name} takes a number of at least ${min}\n${usage}`);
    return n;
  };
  let faults;
  try {
    faults = parseFaultKinds(values.faults ?? '');
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  const config = loadNetworkConfig();
  const doctor = readDemoLogins().find((l) => l.role === 'doctor' && l.totpSecret);
  if (!doctor)
    throw new UsageError('no demo doctor found: run `npm start` first (it seeds demo accounts)');
  const run = new FaultRun(
    gatewayUrl(config),
    doctor,
    new FaultTargets(config),
    {
      minutes: number('minutes', values.minutes, 0.5),
      patients: Math.round(number('patients', values.patients, 1)),
      intervalSeconds: number('interval', values.interval, 5),
      faults,
      thinkMs: number('think-ms', values['think-ms'], 0),
      recheckSeconds: number('recheck-seconds', values['recheck-seconds'], 0),
    },
    (message) => console.log(message),
  );
  const result = await run.run();
  const verdict = verdictOf(result);
  const dir = path.join(paths.root, 'bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `faults-${result.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ ...result, verdict }, null, 2)}\n`);
  console.log(
    `\n${formatFaultTable(result, verdict)}\n\nFigures as JSON: ${path.relative(process.cwd(), file)}`,
  );
  if (!verdict.passed)
    throw new FaultRunFailed(`the fault run found ${verdict.failures.length} problem(s)`);
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadNetworkConfig, type NetworkConfig } from '../config/network-config.js';
import { benchCaliper } from '../bench/caliper-bench.js';
import { benchEndorsements } from '../bench/endorse-bench.js';
import { noOpCeiling } from '../bench/ledger-ceiling.js';
import { percentile } from '../bench/ledger-bench.js';
import { benchRecords } from '../bench/records-bench.js';
import { benchStore, lookupsPerSize } from '../bench/store-bench.js';
import { formatScaleTable, ScaleBench, type ScaleOptions } from '../bench/scale-bench.js';
import { SupervisedGateway } from '../bench/supervised-gateway.js';
import {
  benchConsents,
  benchOffLedger,
  benchReads,
  figuresOf,
  formatCpuPerAnswer,
  formatThroughputTable,
  type ReadsOptions,
} from '../bench/throughput-bench.js';
import { formatByStatus } from '../bench/response-tally.js';
import { paths } from '../runtime/paths.js';
import { readDemoLogins } from '../services/demo-accounts.js';
import { databaseProcessName, databaseUri } from '../services/database.js';
import { gatewayProcessName, gatewayUrl } from '../services/gateway.js';
import { ordererProcessName } from '../fabric/orderer.js';
import { peerProcessName } from '../fabric/peer.js';
import { runCli } from './run-cli.js';

class UsageError extends Error {
  override name = 'UsageError';
}

const usage =
  'usage: npm run bench -- ledger [--clients 20] [--transactions 1000]\n' +
  '       npm run bench -- records [--count 200]\n' +
  '       npm run bench -- reads [--clients 64] [--seconds 20] [--records 20]\n' +
  '       npm run bench -- consents [--clients 16] [--seconds 20]\n' +
  '       npm run bench -- endorse [--clients 64] [--seconds 20]\n' +
  '       npm run bench -- caliper\n' +
  '       npm run bench -- scale [--patients 500] [--records 40] [--writers 32]\n' +
  '                              [--fill-writers 64] [--readers 64] [--catch-up-blocks 2000]\n' +
  '       npm run bench -- store [--sizes 1000,100000,1000000]';

const topology = (config: NetworkConfig) =>
  `${config.ordererOrg.orderers.length} Raft orderers, ${config.hospitals.length} peers, BatchTimeout ${config.batchTimeout}, MAJORITY endorsement`;

/**
 * `npm run bench -- ledger`: the ledger's ceiling, N concurrent clients submitting the no-op
 * `transactions.health.ping` through @hyperledger/fabric-gateway, waiting for each commit.
 * `npm run bench -- records`: a record write and a consent-checked record read through the
 * gateway API, one at a time, as a person would.
 * `npm run bench -- reads` / `consents`: consent-checked record reads by a doctor, or share
 * and revoke transactions by patients, from concurrent clients through the gateway API for
 * a while, then the no-op ceiling from as many clients in the same run, and the ratio.
 * `npm run bench -- caliper`: Hyperledger Caliper's report on the no-op, consent and access
 * transactions (network/caliper).
 * `npm run bench -- endorse`: the peers alone, without the gateway: consent-checked reads
 * endorsed and never ordered, and plain evaluations, against the no-op ceiling.
 * `npm run bench -- scale`: fills the running PatRec through the API to N patients × M
 * records and measures reads, writes, event delivery and CPU before and after, then reads
 * while a restarted gateway's event listener catches up.
 * `npm run bench -- store`: the record store alone, filled straight to each size, and every
 * lookup a request makes there timed through the gateway's own store classes.
 */
runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      clients: { type: 'string' },
      seconds: { type: 'string', default: '20' },
      transactions: { type: 'string', default: '1000' },
      count: { type: 'string', default: '200' },
      patients: { type: 'string', default: '500' },
      records: { type: 'string' },
      writers: { type: 'string', default: '32' },
      'fill-writers': { type: 'string', default: '64' },
      readers: { type: 'string', default: '64' },
      'catch-up-blocks': { type: 'string', default: '2000' },
      sizes: { type: 'string', default: '1000,100000,1000000' },
    },
  });
  const whole = (name: string, value: string | undefined) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`--${name} takes a positive whole number\n${usage}`);
    return n;
  };
  const config = loadNetworkConfig();
  const mode = positionals[0];
  const log = (message: string) => console.log(message);
  if (mode === 'reads' || mode === 'consents') {
    return benchThroughputCommand(config, mode, {
      clients: whole('clients', values.clients ?? (mode === 'reads' ? '64' : '16')),
      seconds: whole('seconds', values.seconds),
      records: whole('records', values.records ?? '20'),
      measuredProcesses: measuredProcesses(config),
    });
  }
  if (mode === 'endorse') {
    const clients = whole('clients', values.clients ?? '64');
    const seconds = whole('seconds', values.seconds);
    log(`Endorsements and evaluations without the gateway (${topology(config)})`);
    const ceiling = figuresOf(
      'no-op ledger transactions (ceiling)',
      clients,
      await noOpCeiling(config, clients, { seconds }, () => undefined),
    );
    const phases = await benchEndorsements(config, clients, seconds, log);
    return log(`\n${formatThroughputTable(ceiling, phases)}`);
  }
  if (mode === 'caliper') {
    const report = await benchCaliper(config, log);
    return log(`\nCaliper's HTML report: ${path.relative(process.cwd(), report)}`);
  }
  if (mode === 'ledger') {
    const clients = whole('clients', values.clients ?? '20');
    return benchLedger(config, clients, whole('transactions', values.transactions));
  }
  if (mode === 'records') return benchRecordsCommand(config, whole('count', values.count));
  if (mode === 'scale') {
    return benchScaleCommand(config, {
      patients: whole('patients', values.patients),
      records: whole('records', values.records ?? '40'),
      writers: whole('writers', values.writers),
      fillWriters: whole('fill-writers', values['fill-writers']),
      readers: whole('readers', values.readers),
      catchUpBlocks: whole('catch-up-blocks', values['catch-up-blocks']),
    });
  }
  if (mode === 'store') {
    const sizes = (values.sizes ?? '').split(',').map((size) => whole('sizes', size));
    return benchStoreCommand(sizes);
  }
  throw new UsageError(usage);
});

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function benchLedger(config: NetworkConfig, clients: number, total: number) {
  console.log(`Submitting ${total} no-op transactions from ${clients} concurrent clients …`);
  const result = await noOpCeiling(config, clients, { transactions: total }, (done) =>
    console.log(`  ${done}/${total}`),
  );
  console.log(`
Ledger benchmark (${topology(config)})
  clients        ${clients}
  committed      ${result.transactions} (${result.failures} failed)
  throughput     ${(result.transactions / result.seconds).toFixed(1)} tx/s
  latency p50    ${fmt(percentile(result.latenciesMs, 0.5))}
  latency p99    ${fmt(percentile(result.latenciesMs, 0.99))}
  of which p50   endorse ${fmt(percentile(result.phasesMs.endorse, 0.5))}, submit ${fmt(
    percentile(result.phasesMs.submit, 0.5),
  )}, commit status ${fmt(percentile(result.phasesMs.commitStatus, 0.5))}
  wall time      ${result.seconds.toFixed(1)} s`);
}

/**
 * Reads or consent transactions through the gateway API, then the no-op ceiling from as
 * many clients for as long, in the same run; the table gives each as a share of it.
 */
async function benchThroughputCommand(
  config: NetworkConfig,
  mode: 'reads' | 'consents',
  options: ReadsOptions,
) {
  const log = (message: string) => console.log(message);
  const url = gatewayUrl(config);
  const startedAt = new Date().toISOString();
  const phases =
    mode === 'reads'
      ? [
          await benchReads(url, demoDoctor(), options, log),
          await benchOffLedger(url, demoDoctor(), options, log),
        ]
      : [await benchConsents(url, demoDoctor(), options, log)];
  log(`the no-op ceiling: ${options.clients} clients for ${options.seconds} s …`);
  const ceiling = figuresOf(
    'no-op ledger transactions (ceiling)',
    options.clients,
    await noOpCeiling(config, options.clients, { seconds: options.seconds }, () => undefined),
  );
  const dir = path.join(paths.root, 'bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${mode}-${startedAt.replace(/[:.]/g, '-')}.json`);
  const figures = { startedAt, topology: topology(config), ceiling, phases };
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`
Throughput through the gateway API (${topology(config)})
${formatThroughputTable(ceiling, phases)}
${phases
  .map(
    (phase) => `
${phase.label}
  answers by status: ${formatByStatus(phase.byStatus)}
  CPU per answer, by process (the chaincode is what each peer started):
${formatCpuPerAnswer(phase.cpuMsPerAnswer ?? {}, 'its chaincode')}`,
  )
  .join('\n')}

Figures as JSON: ${path.relative(process.cwd(), file)}`);
}

/** Every PatRec process on this host whose CPU a throughput phase reports. */
function measuredProcesses(config: NetworkConfig): string[] {
  return [
    gatewayProcessName,
    databaseProcessName,
    ...config.hospitals.flatMap((hospital) => hospital.peers.map(peerProcessName)),
    ...config.ordererOrg.orderers.map(ordererProcessName),
  ];
}

function demoDoctor() {
  const doctor = readDemoLogins().find((l) => l.role === 'doctor' && l.totpSecret);
  if (!doctor)
    throw new UsageError('no demo doctor found: run `npm start` first (it seeds demo accounts)');
  return doctor;
}

async function benchRecordsCommand(config: NetworkConfig, count: number) {
  const doctor = demoDoctor();
  const result = await benchRecords(gatewayUrl(config), doctor, count, (m) => console.log(m));
  const line = (label: string, t: { latenciesMs: number[]; seconds: number }) =>
    `  ${label.padEnd(36)} p50 ${fmt(percentile(t.latenciesMs, 0.5)).padStart(7)}   p99 ${fmt(
      percentile(t.latenciesMs, 0.99),
    ).padStart(7)}   ${(t.latenciesMs.length / t.seconds).toFixed(1)}/s`;
  console.log(`
Record benchmark through the gateway API (${count} each, one at a time, BatchTimeout ${config.batchTimeout})
${line('write (seal, store, commit hash)', result.writes)}
${line('consent-checked read (doctor, share)', result.reads)}`);
}

async function benchScaleCommand(config: NetworkConfig, options: ScaleOptions) {
  const log = (message: string) => console.log(message);
  const gateway = new SupervisedGateway(config, log);
  const bench = new ScaleBench(
    gatewayUrl(config),
    config.batchTimeout,
    demoDoctor(),
    options,
    gateway,
    log,
  );
  const result = await bench.run().finally(() => gateway.close());
  const dir = path.join(paths.root, 'bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `scale-${result.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `\n${formatScaleTable(result)}\n\nFigures as JSON: ${path.relative(process.cwd(), file)}`,
  );
}

async function benchStoreCommand(sizes: number[]) {
  const uri = databaseUri();
  console.log(`Record store benchmark on ${uri} (a scratch database, dropped afterwards) …`);
  const results = await benchStore(uri, sizes, (m) => console.log(m));
  const queries = results[0]?.lookups.map((l) => l.query) ?? [];
  const cell = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);
  console.log(`
Lookups in the record store, p50 / p99 of ${lookupsPerSize} each (record versions stored)
  ${'lookup'.padEnd(42)}${results.map((r) => r.versions.toLocaleString('en').padStart(22)).join('')}
${queries
  .map(
    (query, i) =>
      `  ${query.padEnd(42)}${results
        .map((r) => `${cell(r.lookups[i]!.p50Ms)} / ${cell(r.lookups[i]!.p99Ms)}`.padStart(22))
        .join('')}`,
  )
  .join('\n')}`);
}

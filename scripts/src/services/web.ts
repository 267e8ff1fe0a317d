import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { NetworkConfig } from '../config/network-config.js';
import { run } from '../process/exec.js';
import { adoptRunning, startProcess } from '../process/supervisor.js';
import { waitFor } from '../process/wait.js';
import { repoRoot } from '../runtime/paths.js';
import { isStale } from './build-freshness.js';
import { buildContract, contractSources } from './contract.js';
import { answersHttp, gatewayUrl } from './gateway.js';

export const webProcessName = 'web';
const webDir = path.join(repoRoot, 'web');

export const webUrl = (config: NetworkConfig) =>
  `http://${config.services.web.host}:${config.services.web.port}`;

/** Runs `next build` when the web sources changed, then `next start`, and waits for a page. */
export async function startWeb(config: NetworkConfig, log: (message: string) => void) {
  const next = createRequire(path.join(webDir, 'package.json')).resolve('next/dist/bin/next');
  const { host, port } = config.services.web;
  const spec = {
    name: webProcessName,
    command: process.execPath,
    args: [next, 'start', '--hostname', host, '--port', String(port)],
    cwd: webDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PATREC_GATEWAY_URL: gatewayUrl(config),
      // The hospitals people may sign up at: every one of network.json.
      PATREC_HOSPITALS: config.hospitals.map((h) => h.key).join(','),
    },
  };
  if (adoptRunning(spec)) return;
  // Everything under web/ that goes into the build (not its output, tests or dependencies).
  const notBuilt = new Set([
    '.next',
    'node_modules',
    'e2e',
    'test-results',
    'tsconfig.tsbuildinfo',
  ]);
  const sources = readdirSync(webDir)
    .filter((entry) => !notBuilt.has(entry))
    .map((entry) => path.join(webDir, entry));
  if (isStale(path.join(webDir, '.next', 'BUILD_ID'), [...sources, ...contractSources])) {
    log('building the web app (next build, ≈ 15 s)');
    await buildContract();
    await run('npm', ['run', 'build', '--workspace', 'web'], {
      cwd: repoRoot,
      timeoutMs: 600_000,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
  }
  const started = startProcess(spec);
  await waitFor(`the web app on ${webUrl(config)}`, () => answersHttp(webUrl(config)), {
    timeoutMs: 60_000,
    hint: `Check ${started.log}.`,
    process: started,
  });
}

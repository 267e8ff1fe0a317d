import { spawn } from 'node:child_process';
import { loadNetworkConfig } from '../config/network-config.js';
import { isRunning, networkProcessNames } from '../fabric/network.js';
import { stopProcess } from '../process/supervisor.js';
import { watchdogProcessName } from '../process/watchdog.js';
import { repoRoot } from '../runtime/paths.js';
import { serviceProcessNames } from '../services/services.js';
import { gatewayEnv } from '../services/gateway.js';
import { webUrl } from '../services/web.js';
import { demoLoginsFile } from '../services/demo-accounts.js';
import { runCli } from './run-cli.js';

/**
 * Runs every integration test against the real network: reuses a running PatRec, or starts
 * one and afterwards stops exactly the processes this run started.
 */
runCli(async () => {
  const config = loadNetworkConfig();
  // The watchdog first, so that it restarts none of what the cleanup stops.
  const names = [watchdogProcessName, ...serviceProcessNames, ...networkProcessNames(config)];
  const runningBefore = new Set(names.filter(isRunning));

  let failed = false;
  try {
    if ((await exec('npx', ['tsx', 'scripts/src/cli/start.ts'])) !== 0) {
      throw new IntegrationFailure('PatRec did not start, so no integration test ran (see above)');
    }
    // The workspaces' tests first: the block scan among the scripts' tests checks what they wrote.
    const workspaces = ['run', 'test:integration', '--workspaces', '--if-present'];
    const testEnv = {
      ...gatewayEnv(config),
      PATREC_WEB_URL: webUrl(config),
      PATREC_DEMO_LOGINS: demoLoginsFile(),
    };
    failed = (await exec('npm', workspaces, testEnv)) !== 0;
    const specs = ['scripts/src/**/*.integration.test.ts'];
    failed = (await exec('npx', ['mocha', ...specs])) !== 0 || failed;
  } finally {
    let stopped = 0;
    for (const name of names.filter((n) => !runningBefore.has(n))) {
      if (await stopProcess(name)) stopped += 1;
    }
    if (stopped > 0) console.log(`Stopped the ${stopped} processes this run started.`);
  }
  if (failed) throw new IntegrationFailure('integration tests failed (see above)');
});

class IntegrationFailure extends Error {
  override name = 'IntegrationFailure';
}

function exec(command: string, args: string[], env = process.env) {
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', env });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

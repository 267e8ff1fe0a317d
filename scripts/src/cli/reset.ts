import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadNetworkConfig } from '../config/network-config.js';
import { networkProcessNames } from '../fabric/network.js';
import { stopProcess } from '../process/supervisor.js';
import { watchdogProcessName } from '../process/watchdog.js';
import { paths } from '../runtime/paths.js';
import { serviceProcessNames } from '../services/services.js';
import { runCli } from './run-cli.js';

/**
 * `npm run reset [-- --yes] [-- --all]`: stops PatRec and deletes its runtime state (ledgers,
 * database, identities, keys, logs). The compiled binaries are a cache, kept unless --all.
 */
runCli(async () => {
  const args = process.argv.slice(2);
  const all = args.includes('--all');
  if (!existsSync(paths.root)) {
    console.log(`Nothing to reset: ${paths.root} does not exist.`);
    return;
  }
  if (!args.includes('--yes')) {
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await prompt.question(
      `This stops PatRec and deletes ${paths.root}${all ? '' : ' (except the binaries in bin/)'}:\n` +
        'every ledger, the record database, all identities and keys. Type "yes" to go on: ',
    );
    prompt.close();
    if (answer.trim().toLowerCase() !== 'yes') {
      console.log('Nothing was deleted.');
      return;
    }
  }
  const config = loadNetworkConfig();
  // The watchdog first: it restarts nothing once stopped, and its pid file is about to go.
  const names = [watchdogProcessName, ...serviceProcessNames, ...networkProcessNames(config)];
  for (const name of names) {
    if (await stopProcess(name)) console.log(`stopped ${name}`);
  }
  for (const entry of readdirSync(paths.root)) {
    if (!all && path.join(paths.root, entry) === paths.bin) continue;
    rmSync(path.join(paths.root, entry), { recursive: true, force: true });
  }
  console.log(`Deleted PatRec's runtime state in ${paths.root}${all ? '' : ' (binaries kept)'}.`);
});

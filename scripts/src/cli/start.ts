import { allPorts, loadNetworkConfig } from '../config/network-config.js';
import { isRunning, networkSteps, startNetwork } from '../fabric/network.js';
import { clearAllGaveUp } from '../process/gave-up.js';
import { assertPortsFree } from '../process/ports.js';
import { watchdogProcessName } from '../process/watchdog.js';
import { startWatchdog, stopWatchdog } from '../process/watchdog-process.js';
import { keepRuntimeFolderPrivate, paths } from '../runtime/paths.js';
import { databaseUri, startDatabase, usesEmbeddedDatabase } from '../services/database.js';
import { gatewayUrl, startGateway } from '../services/gateway.js';
import { startWeb, webUrl } from '../services/web.js';
import { seedDemo } from '../services/demo-accounts.js';
import { ensureBinaries } from '../toolchain/binaries.js';
import { Progress } from '../ui/progress.js';
import { runCli } from './run-cli.js';

/** `npm start`: installs what is missing, brings every process up, prints where they are. */
runCli(async () => {
  const config = loadNetworkConfig();
  const progress = new Progress('PatRec', networkSteps + 7);
  const detail = (message: string) => progress.detail(message);
  console.log(`Starting PatRec (runtime folder ${paths.root})`);
  keepRuntimeFolderPrivate();
  // Nothing restarts behind this start's back; what the watchdog gave up on gets its turn again.
  await stopWatchdog();
  clearAllGaveUp();

  const binaries = await progress.step('Native binaries', () => ensureBinaries(detail));
  await progress.step('Ports', async () => {
    const wanted = allPorts(config).filter(({ owner }) => !isRunning(owner.split(' ')[0]!));
    await assertPortsFree(wanted);
  });
  const chaincode = await startNetwork(config, binaries, progress);
  await progress.step('Record store', () => startDatabase(binaries));
  await progress.step('Gateway API', () => startGateway(config, detail));
  await progress.step('Web app', () => startWeb(config, detail));
  const logins = await progress.step('Demo accounts and network', () => seedDemo(config, detail));
  await progress.step('Watchdog', startWatchdog);

  const peers = config.hospitals.flatMap((h) => h.peers);
  console.log(`
PatRec is up (${progress.elapsed()}).

  Web app      ${webUrl(config)}
  Gateway API  ${gatewayUrl(config)}/api/health
  Database     ${databaseUri()}${usesEmbeddedDatabase() ? ' (FerretDB on SQLite, its owner only)' : ''}
  Peers        ${peers.map((p) => `${p.id} ${p.host}:${p.port}`).join(', ')}
  Orderers     ${config.ordererOrg.orderers.map((o) => `${o.name} ${o.host}:${o.port}`).join(', ')}
  Channel      ${config.channel}, chaincode ${chaincode.name} ${chaincode.version} (sequence ${chaincode.sequence})
  Logs         ${paths.logs}
  Watchdog     restarts any of these processes that dies (${paths.log(watchdogProcessName)})

Demo logins (password ${logins[0]?.password ?? ''}; staff also need their authenticator code,
shown by \`npm run totp -- <ID>\` or from the secret in ${paths.root}/demo-logins.json):
${logins.map((l) => `  ${l.id.padEnd(8)} ${l.role.padEnd(8)} ${l.hospital.padEnd(10)} ${l.email}`).join('\n')}

Status: npm run status    Stop: npm stop    Wipe everything: npm run reset`);
});

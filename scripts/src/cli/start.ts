import { allPorts, loadNetworkConfig } from '../config/network-config.js';
import { isRunning, networkSteps, startNetwork } from '../fabric/network.js';
import { assertPortsFree } from '../process/ports.js';
import { paths } from '../runtime/paths.js';
import { databaseUri, startDatabase, usesEmbeddedDatabase } from '../services/database.js';
import { ensureBinaries } from '../toolchain/binaries.js';
import { Progress } from '../ui/progress.js';
import { runCli } from './run-cli.js';

runCli(async () => {
  const config = loadNetworkConfig();
  const progress = new Progress('PatRec', networkSteps + 3);
  console.log(`Starting PatRec (runtime folder ${paths.root})`);

  const binaries = await progress.step('Native binaries', () =>
    ensureBinaries((m) => progress.detail(m)),
  );
  await progress.step('Ports', async () => {
    const wanted = allPorts(config).filter(({ owner }) => {
      const processName = owner.split(' ')[0]!;
      return !isRunning(processName) && (processName !== 'database' || usesEmbeddedDatabase());
    });
    await assertPortsFree(wanted);
  });
  const chaincode = await startNetwork(config, binaries, progress);
  await progress.step('Record store', () => startDatabase(config, binaries));

  console.log(`\nPatRec is up in ${progress.elapsed()}.`);
  console.log(
    `  chaincode  ${chaincode.name} ${chaincode.version} (sequence ${chaincode.sequence})`,
  );
  console.log(`  database   ${databaseUri(config)}`);
  console.log(`  logs       ${paths.logs}`);
  console.log('Status: npm run status    Stop: npm stop');
});

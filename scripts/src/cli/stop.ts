import { loadNetworkConfig } from '../config/network-config.js';
import { serviceProcessNames } from '../services/services.js';
import { networkProcessNames } from '../fabric/network.js';
import { stopProcess } from '../process/supervisor.js';
import { watchdogProcessName } from '../process/watchdog.js';
import { runCli } from './run-cli.js';

/**
 * Stops what `npm start` started, by the pids it recorded, and nothing else; the watchdog
 * first, so that it restarts nothing.
 */
runCli(async () => {
  const config = loadNetworkConfig();
  let stopped = 0;
  const names = [watchdogProcessName, ...serviceProcessNames, ...networkProcessNames(config)];
  for (const name of names) {
    if (await stopProcess(name)) {
      console.log(`stopped ${name}`);
      stopped += 1;
    }
  }
  console.log(stopped === 0 ? 'Nothing was running.' : `Stopped ${stopped} processes; data kept.`);
});

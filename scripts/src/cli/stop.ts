import { loadNetworkConfig } from '../config/network-config.js';
import { serviceProcessNames } from '../services/services.js';
import { networkProcessNames } from '../fabric/network.js';
import { stopProcess } from '../process/supervisor.js';
import { runCli } from './run-cli.js';

/** Stops what `npm start` started, by the pids it recorded, and nothing else. */
runCli(async () => {
  const config = loadNetworkConfig();
  let stopped = 0;
  for (const name of [...serviceProcessNames, ...networkProcessNames(config)]) {
    if (await stopProcess(name)) {
      console.log(`stopped ${name}`);
      stopped += 1;
    }
  }
  console.log(stopped === 0 ? 'Nothing was running.' : `Stopped ${stopped} processes; data kept.`);
});

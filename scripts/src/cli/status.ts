import { loadNetworkConfig } from '../config/network-config.js';
import { ensureFabricConfigDir } from '../fabric/fabric-config.js';
import { networkStatus, type NodeStatus } from '../fabric/status.js';
import { keptDying } from '../process/gave-up.js';
import { supervisionStatus } from '../process/watchdog-process.js';
import { ensureBinaries } from '../toolchain/binaries.js';
import { runCli } from './run-cli.js';

/**
 * `npm run status [-- --json]`: every process up or down, heights, Raft leader, chaincode,
 * and the watchdog: up or not, and what it gave up restarting.
 */
runCli(async () => {
  const json = process.argv.includes('--json');
  const config = loadNetworkConfig();
  const binaries = await ensureBinaries(() => {}, { database: false });
  const status = await networkStatus(config, binaries, await ensureFabricConfigDir());
  const supervision = supervisionStatus();
  if (json) {
    console.log(JSON.stringify({ ...status, supervision }, null, 2));
    return;
  }
  const gaveUp = new Map(supervision.gaveUp.map((marker) => [marker.name, marker]));
  const mark = (up: boolean) => (up ? 'up  ' : 'DOWN');
  const line = (node: NodeStatus, extra = '') => {
    const marker = gaveUp.get(node.name);
    gaveUp.delete(node.name);
    const note = marker ? `— ${keptDying(marker)}` : extra;
    console.log(`  ${mark(node.up)}  ${node.name.padEnd(18)} ${node.url.padEnd(32)} ${note}`);
  };
  console.log('Certificate authorities');
  status.cas.forEach((ca) => line(ca));
  console.log(`Orderers (channel ${status.channel}; Raft leader: ${status.raftLeader ?? 'none'})`);
  status.orderers.forEach((o) =>
    line(o, `height ${o.height ?? '?'}${o.leader ? '  (leader)' : ''}`),
  );
  console.log('Peers');
  status.peers.forEach((p) => line(p, `height ${p.height ?? '?'}`));
  const cc = status.chaincode;
  console.log(
    `Chaincode: ${cc ? `${cc.name} ${cc.version}, sequence ${cc.sequence}` : 'not committed'}`,
  );
  console.log('Services');
  status.services.forEach((s) => line(s));

  console.log('Supervision');
  const { watchdog, restartable, notRestartable } = supervision;
  console.log(
    watchdog.up
      ? `  up    watchdog           pid ${watchdog.pid}, restarts any of ${restartable.length} ` +
          `processes that dies (log ${watchdog.log})`
      : '  DOWN  watchdog           nothing restarts a process that dies; run npm start',
  );
  // Given up on, and not shown above (a process outside the network's and services' lists).
  for (const marker of gaveUp.values()) {
    console.log(`  DOWN  ${marker.name.padEnd(18)} — ${keptDying(marker)}`);
  }
  if (notRestartable.length > 0) {
    console.log(
      `  note  not restarted if they die (started before supervision was set up): ` +
        `${notRestartable.join(', ')}; npm start sets it up`,
    );
  }
});

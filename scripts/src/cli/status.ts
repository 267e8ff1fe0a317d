import { loadNetworkConfig } from '../config/network-config.js';
import { ensureFabricConfigDir } from '../fabric/fabric-config.js';
import { networkStatus, type NodeStatus } from '../fabric/status.js';
import { ensureBinaries } from '../toolchain/binaries.js';
import { runCli } from './run-cli.js';

/** `npm run status [-- --json]`: every process up or down, heights, Raft leader, chaincode. */
runCli(async () => {
  const json = process.argv.includes('--json');
  const config = loadNetworkConfig();
  const binaries = await ensureBinaries(() => {}, { database: false });
  const status = await networkStatus(config, binaries, await ensureFabricConfigDir());
  if (json) {
    console.log(JSON.stringify(status, null, 2));
    return;
  }
  const mark = (up: boolean) => (up ? 'up  ' : 'DOWN');
  const line = (node: NodeStatus, extra = '') =>
    console.log(`  ${mark(node.up)}  ${node.name.padEnd(18)} ${node.url.padEnd(32)} ${extra}`);
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
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { loadNetworkConfig } from '../config/network-config.js';
import { caProcessName } from '../fabric/ca.js';
import { networkProcessNames } from '../fabric/network.js';
import { groupMembers } from '../process/proc.js';
import { runningPid } from '../process/supervisor.js';
import { watchdogProcessName } from '../process/watchdog.js';
import { gatewayProcessName } from '../services/gateway.js';
import { serviceProcessNames } from '../services/services.js';
import { paths } from './paths.js';

/**
 * Issue 17, item 13: the CAs' bootstrap passwords, the nodes' enrolment secrets and the master
 * key are nowhere another local user can read them: not in a process's arguments (world-
 * readable in /proc), not in a log, and the runtime folder is its owner's alone.
 */
describe('secrets of the running PatRec (integration)', () => {
  const secrets = Object.entries(
    JSON.parse(readFileSync(paths.secrets, 'utf8')) as Record<string, string>,
  );
  const leaksIn = (text: string) => secrets.filter(([, value]) => text.includes(value));

  it('keeps the runtime folder to its owner (0700) and the secrets file too (0600)', () => {
    expect((statSync(paths.root).mode & 0o777).toString(8)).to.equal('700');
    expect((statSync(paths.secrets).mode & 0o777).toString(8)).to.equal('600');
  });

  it('puts no secret in the arguments of any process it runs', () => {
    const config = loadNetworkConfig();
    const names = [...networkProcessNames(config), ...serviceProcessNames, watchdogProcessName];
    const seen = new Set<string>();
    for (const name of names) {
      const leader = runningPid(name);
      if (leader === undefined) continue; // one an earlier test stopped
      // The peers' chaincode processes run in the peer's group.
      for (const pid of groupMembers(leader)) {
        const args = argumentsOf(pid);
        if (args === undefined) continue; // ended meanwhile
        const leaked = leaksIn(args).map(([secretName]) => secretName);
        expect(leaked, `the arguments of ${name} (pid ${pid}): ${args}`).to.deep.equal([]);
        seen.add(name);
      }
    }
    // The CAs were given their bootstrap password on the command line before.
    const cas = [config.ordererOrg, ...config.hospitals].map(caProcessName);
    expect([...seen]).to.include.members([...cas, gatewayProcessName]);
  });

  it('writes no secret to any log', () => {
    for (const file of readdirSync(paths.logs)) {
      const text = readFileSync(path.join(paths.logs, file), 'utf8');
      const leaked = leaksIn(text).map(([secretName]) => secretName);
      expect(leaked, `secrets in ${file}`).to.deep.equal([]);
    }
  });
});

function argumentsOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { loadNetworkConfig } from '../config/network-config.js';
import { paths, repoRoot } from '../runtime/paths.js';
import { gatewayProcessName, gatewayUrl } from '../services/gateway.js';
import { clearGaveUp, readGaveUp } from './gave-up.js';
import { readPidRecord } from './process-records.js';
import { runningPid, sleep, startProcess, stopProcess } from './supervisor.js';
import { waitFor } from './wait.js';
import { watchdogProcessName } from './watchdog.js';

const config = loadNetworkConfig();
const watchdogLog = paths.log(watchdogProcessName);

/** What a log gained after `offset` bytes. */
const logSince = (log: string, offset: number) =>
  existsSync(log) ? readFileSync(log).subarray(offset).toString('utf8') : '';
const logSize = (log: string) => (existsSync(log) ? statSync(log).size : 0);

async function gatewayHealth() {
  try {
    const response = await fetch(`${gatewayUrl(config)}/api/health`, {
      signal: AbortSignal.timeout(2000),
    });
    return response.status;
  } catch {
    return undefined;
  }
}

describe('the watchdog (integration: restarts what dies in the running PatRec)', function () {
  this.timeout(180_000);

  before(() => {
    expect(runningPid(watchdogProcessName), 'npm start leaves the watchdog running').to.be.a(
      'number',
    );
  });

  it('brings a SIGKILLed gateway back within 10 s under a new pid, and its log says why', async () => {
    const killed = runningPid(gatewayProcessName);
    expect(killed, 'the gateway npm start started').to.be.a('number');
    const watchdogFrom = logSize(watchdogLog);
    const gatewayFrom = logSize(paths.log(gatewayProcessName));

    process.kill(killed!, 'SIGKILL');
    let pid: number | undefined;
    await waitFor(
      'the gateway to answer /api/health again under a new pid',
      async () => {
        pid = runningPid(gatewayProcessName);
        return pid !== undefined && pid !== killed && (await gatewayHealth()) === 200;
      },
      {
        timeoutMs: 10_000,
        intervalMs: 100,
        hint: `See ${watchdogLog} and ${paths.log(gatewayProcessName)}.`,
      },
    );
    // Which of the two it says depends on whether the watchdog started that gateway itself.
    const why = `pid ${killed} (?:was no longer running|was killed by SIGKILL)`;
    expect(logSince(watchdogLog, watchdogFrom)).to.match(
      new RegExp(`gateway: restarted by the watchdog as pid ${pid}: ${why}, restart \\d+`),
    );
    expect(logSince(paths.log(gatewayProcessName), gatewayFrom)).to.match(
      new RegExp(`restarted by the watchdog: ${why}, restart \\d+`),
    );
  });

  describe('with a process that keeps dying', () => {
    // A throwaway process of the test's own, not a PatRec service: the watchdog watches
    // whatever has a pid file and a recorded spec.
    const name = `watchdog-test-${randomUUID().slice(0, 8)}`;

    after(async () => {
      await stopProcess(name);
      clearGaveUp(name);
      rmSync(paths.log(name), { force: true });
    });

    it('is restarted 5 times, then given up on and shown by npm run status', async () => {
      const watchdogFrom = logSize(watchdogLog);
      startProcess({
        name,
        command: '/bin/sh',
        // Lives long enough for the watchdog (polling every 500 ms) to see it running.
        args: ['-c', 'sleep 2; echo "dying on purpose"; exit 3'],
      });
      await waitFor(
        `the watchdog to give up on ${name}`,
        () => Promise.resolve(readGaveUp(name) !== undefined),
        { timeoutMs: 90_000, intervalMs: 250, hint: `See ${watchdogLog}.` },
      );
      const marker = readGaveUp(name)!;
      expect(marker).to.include({ name, restarts: 5, log: paths.log(name) });
      const restarts = logSince(watchdogLog, watchdogFrom).match(
        new RegExp(`${name}: restarted by the watchdog`, 'g'),
      );
      expect(restarts).to.have.length(5);
      expect(logSince(watchdogLog, watchdogFrom)).to.contain(
        `${name}: pid ${marker.pid} exited with code 3 after 5 restarts in 2 min; ` +
          'the watchdog gave up on it',
      );

      // Given up means left alone: longer than the longest back-off (4 s), nothing restarts it.
      await sleep(5_000);
      expect(readPidRecord(name)?.pid).to.equal(marker.pid);
      expect(runningPid(name)).to.equal(undefined);

      const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/src/cli/status.ts'], {
        cwd: repoRoot,
        timeout: 120_000,
      });
      expect(stdout).to.contain(
        `DOWN  ${name.padEnd(18)} — kept dying (5 restarts in 2 min), see ${paths.log(name)}; ` +
          'fix it and run npm start',
      );
      expect(stdout).to.match(/up {4}watchdog {11}pid \d+, restarts any of \d+ processes/);
    });
  });
});

import { expect } from 'chai';
import { paths } from '../runtime/paths.js';
import { useTemporaryRuntimeFolder } from '../runtime/temporary-runtime-folder.js';
import { readGaveUp } from './gave-up.js';
import { groupMembers, isAlive } from './proc.js';
import { readPidRecord, recordedNames } from './process-records.js';
import type { RestartPolicy } from './restart-policy.js';
import { readLog, runningPid, sleep, startProcess, stopProcess } from './supervisor.js';
import { waitFor } from './wait.js';
import { Watchdog } from './watchdog.js';

/** The real policy's shape, in milliseconds instead of seconds. */
const quick: RestartPolicy = { backoffMs: [50, 100, 200], maxRestarts: 3, windowMs: 60_000 };

describe('watchdog (real processes, a scratch runtime folder)', function () {
  this.timeout(20_000);
  useTemporaryRuntimeFolder('watchdog', async () => {
    for (const name of recordedNames()) await stopProcess(name);
  });
  let lines: string[] = [];
  let watchdog: Watchdog | undefined;

  beforeEach(() => {
    lines = [];
  });
  afterEach(() => watchdog?.stop());

  const watch = () => {
    watchdog = new Watchdog({ policy: quick, pollMs: 20, log: (line) => lines.push(line) });
    watchdog.start();
  };
  const until = (what: string, ready: () => boolean, timeoutMs = 5_000) =>
    waitFor(what, () => Promise.resolve(ready()), {
      timeoutMs,
      intervalMs: 20,
      hint: 'The watchdog logged:\n' + lines.join('\n'),
    });
  const logged = () => lines.join('\n');

  it('starts a killed process again from its recorded spec, and says why in both logs', async () => {
    startProcess({ name: 'sleeper', command: '/bin/sleep', args: ['60'] });
    watch();
    const first = runningPid('sleeper')!;
    process.kill(first, 'SIGKILL');
    await until('sleeper to be restarted', () => (runningPid('sleeper') ?? first) !== first);
    const second = runningPid('sleeper')!;
    expect(logged()).to.contain(
      `sleeper: restarted by the watchdog as pid ${second}: pid ${first} was no longer running, restart 1`,
    );
    expect(readLog(paths.log('sleeper'))).to.contain(
      `restarted by the watchdog: pid ${first} was no longer running, restart 1`,
    );

    // The watchdog is the parent of what it started, so it knows how that ended.
    process.kill(second, 'SIGKILL');
    await until(
      'sleeper to be restarted again',
      () => (runningPid('sleeper') ?? second) !== second,
    );
    expect(logged()).to.contain(
      `sleeper: pid ${second} was killed by SIGKILL; restarting it in 0.1 s (restart 2)`,
    );
  });

  it('leaves a process stopped on purpose stopped', async () => {
    startProcess({ name: 'stopped-on-purpose', command: '/bin/sleep', args: ['60'] });
    watch();
    await until('the watchdog to watch it', () => logged().includes('stopped-on-purpose'));
    expect(await stopProcess('stopped-on-purpose')).to.equal(true);
    await sleep(400);
    expect(readPidRecord('stopped-on-purpose')).to.equal(undefined);
    expect(logged()).not.to.contain('stopped-on-purpose: restarted');
  });

  it('never starts a process that was already dead when it first looked', async () => {
    startProcess({ name: 'dead-before', command: '/bin/sh', args: ['-c', 'exit 0'] });
    await until('it to end', () => runningPid('dead-before') === undefined);
    watch();
    await sleep(400);
    expect(logged()).to.contain('dead-before: pid');
    expect(logged()).to.contain('was not running when the watchdog first looked');
    expect(logged()).not.to.contain('dead-before: restarted');
  });

  it('gives up on a process that keeps dying, and leaves a marker saying so', async () => {
    startProcess({ name: 'crasher', command: '/bin/sh', args: ['-c', 'sleep 0.2; exit 3'] });
    watch();
    await until('the watchdog to give up', () => readGaveUp('crasher') !== undefined, 8_000);
    const marker = readGaveUp('crasher')!;
    expect(marker).to.include({ name: 'crasher', restarts: 3, windowMs: 60_000 });
    expect(marker.log).to.equal(paths.log('crasher'));
    expect(logged().match(/crasher: restarted by the watchdog/g)).to.have.length(3);
    expect(logged()).to.contain(`crasher: pid ${marker.pid} exited with code 3 after 3 restarts`);
    expect(readLog(paths.log('crasher'))).to.contain('the watchdog gave up on it');

    await sleep(500);
    expect(readPidRecord('crasher')?.pid, 'not restarted after giving up').to.equal(marker.pid);
  });

  it('ends what a dead process left in its process group before starting it again', async () => {
    // Like a peer and the chaincode it launched: the shell's `sleep` joins the shell's group.
    startProcess({ name: 'leader', command: '/bin/sh', args: ['-c', 'sleep 60 & wait'] });
    const leader = runningPid('leader')!;
    await until('the leader to start its child', () => groupMembers(leader).length === 2);
    const child = groupMembers(leader).find((pid) => pid !== leader)!;
    watch();
    process.kill(leader, 'SIGKILL');
    await until('leader to be restarted', () => (runningPid('leader') ?? leader) !== leader);
    await until('its child to be ended', () => !isAlive(child));
    expect(logged()).to.contain(
      `leader: ended what pid ${leader} left in its process group: ${child}`,
    );
  });
});

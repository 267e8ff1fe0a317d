import { existsSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { paths } from '../runtime/paths.js';
import { useTemporaryRuntimeFolder } from '../runtime/temporary-runtime-folder.js';
import { assertPortsFree, PortInUseError } from './ports.js';
import { groupMembers, isAlive } from './proc.js';
import { readPidRecord, readSpec } from './process-records.js';
import * as supervisor from './supervisor.js';
import { waitFor, WaitTimeoutError } from './wait.js';

describe('process supervision', () => {
  const home = useTemporaryRuntimeFolder('supervisor');

  it('reports a process that dies at start with the end of its log and the log path', async () => {
    const started = supervisor.startProcess({
      name: 'doomed',
      command: '/bin/sh',
      args: ['-c', 'echo "listen tcp 127.0.0.1:7051: bind: address already in use"; exit 3'],
    });
    let failure: unknown;
    try {
      await waitFor('doomed to answer', () => Promise.resolve(false), {
        timeoutMs: 5_000,
        hint: 'never',
        process: started,
      });
    } catch (error) {
      failure = error;
    }
    expect(failure).to.be.instanceOf(supervisor.ProcessDiedError);
    const message = (failure as Error).message;
    expect(message).to.contain('doomed stopped right after starting (exit code 3)');
    expect(message).to.contain('bind: address already in use');
    expect(message).to.contain(path.join(home, 'logs', 'doomed.log'));
  });

  it('stops a running process by its recorded pid, and only once', async () => {
    supervisor.startProcess({ name: 'sleeper', command: '/bin/sleep', args: ['60'] });
    const pid = supervisor.runningPid('sleeper');
    expect(pid).to.be.a('number');
    expect(await supervisor.stopProcess('sleeper')).to.equal(true);
    expect(isAlive(pid!)).to.equal(false);
    expect(supervisor.runningPid('sleeper')).to.equal(undefined);
    expect(await supervisor.stopProcess('sleeper')).to.equal(false);
  });

  it('records how it started a process, readable by its owner only, and forgets it on stop', async () => {
    const env = { PATH: process.env.PATH, PATREC_TEST_SECRET: 'not for others' };
    supervisor.startProcess({
      name: 'recorded',
      command: '/bin/sleep',
      args: ['60'],
      cwd: os.tmpdir(),
      env,
    });
    expect(readSpec('recorded')).to.deep.equal({
      name: 'recorded',
      command: '/bin/sleep',
      args: ['60'],
      cwd: os.tmpdir(),
      env,
    });
    expect(statSync(paths.specFile('recorded')).mode & 0o777).to.equal(0o600);
    expect(await supervisor.stopProcess('recorded')).to.equal(true);
    expect(existsSync(paths.specFile('recorded'))).to.equal(false);
    expect(existsSync(paths.pidFile('recorded'))).to.equal(false);
  });

  it('ends what a killed process left in its process group when it is stopped', async () => {
    // Like a peer and the chaincode it launched: the shell's `sleep` joins the shell's group.
    supervisor.startProcess({
      name: 'leader',
      command: '/bin/sh',
      args: ['-c', 'sleep 60 & wait'],
    });
    const leader = readPidRecord('leader')!.pid;
    await waitFor(
      'the leader to start its child',
      () => Promise.resolve(groupMembers(leader).length === 2),
      {
        timeoutMs: 5_000,
        intervalMs: 20,
        hint: 'sh did not start sleep',
      },
    );
    const child = groupMembers(leader).find((pid) => pid !== leader)!;
    process.kill(leader, 'SIGKILL');
    await waitFor('the leader to die', () => Promise.resolve(!isAlive(leader)), {
      timeoutMs: 5_000,
      intervalMs: 20,
      hint: 'SIGKILL did not end it',
    });
    expect(isAlive(child), 'the child outlives its leader').to.equal(true);
    expect(await supervisor.stopProcess('leader')).to.equal(false);
    await waitFor('the child to be ended', () => Promise.resolve(!isAlive(child)), {
      timeoutMs: 5_000,
      intervalMs: 20,
      hint: `pid ${child} is still running`,
    });
  });

  it('says what it waited for, for how long and what to check when a wait times out', async () => {
    let failure: unknown;
    try {
      await waitFor('the moon', () => Promise.resolve(false), {
        timeoutMs: 300,
        intervalMs: 50,
        hint: 'Look up.',
      });
    } catch (error) {
      failure = error;
    }
    expect(failure).to.be.instanceOf(WaitTimeoutError);
    expect((failure as Error).message).to.equal(
      'gave up after 0.3 s waiting for the moon. Look up.',
    );
  });

  it('names a taken port, who wanted it and the process that holds it', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      let failure: unknown;
      try {
        await assertPortsFree([
          { owner: 'peer0.hospitala', endpoint: { host: '127.0.0.1', port } },
        ]);
      } catch (error) {
        failure = error;
      }
      expect(failure).to.be.instanceOf(PortInUseError);
      expect((failure as Error).message).to.contain(
        `127.0.0.1:${port} (for peer0.hospitala) is held by pid ${process.pid}`,
      );
    } finally {
      holder.close();
    }
  });
});

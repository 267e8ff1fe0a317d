import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';

// The supervisor writes under PATREC_HOME, read when paths.ts is first imported.
const home = mkdtempSync(path.join(os.tmpdir(), 'patrec-supervisor-'));
process.env.PATREC_HOME = home;
const supervisor = await import('./supervisor.js');
const { waitFor, WaitTimeoutError } = await import('./wait.js');
const { assertPortsFree, PortInUseError } = await import('./ports.js');

describe('process supervision', () => {
  after(() => rmSync(home, { recursive: true, force: true }));

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
    expect(supervisor.isAlive(pid!)).to.equal(false);
    expect(supervisor.runningPid('sleeper')).to.equal(undefined);
    expect(await supervisor.stopProcess('sleeper')).to.equal(false);
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

import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import {
  clockTicksPerSecond,
  cpuPercent,
  parseProcStat,
  secondsSinceStart,
  TreeCpuWindow,
  type CpuSample,
} from './process-cpu.js';

/** A /proc/<pid>/stat line with the given utime, stime and start time (fields 14, 15, 22). */
const statLine = (name: string, utime: number, stime: number, start: number) =>
  `4242 (${name}) S 1 4242 4242 0 -1 4194304 99 0 0 0 ${utime} ${stime} 0 0 20 0 9 0 ${start} 3133440 412`;

const sample = (busyTicks: number, atMs: number, startTicks = '343570'): CpuSample => ({
  pid: 4242,
  startTicks,
  busyTicks,
  atMs,
});

describe('process CPU', () => {
  it('reads utime + stime and the start time, even when the command name holds ") "', () => {
    expect(parseProcStat(statLine('node', 1200, 300, 343570))).to.deep.equal({
      busyTicks: 1500,
      startTicks: '343570',
      parentPid: 1,
    });
    expect(parseProcStat(statLine('a) b (c', 7, 3, 99))).to.deep.equal({
      busyTicks: 10,
      startTicks: '99',
      parentPid: 1,
    });
  });

  it('refuses text that is not a stat line rather than reading zeros', () => {
    expect(() => parseProcStat('no such process')).to.throw(/not a \/proc/);
  });

  it('gives CPU as % of one core over the window', () => {
    // 250 ticks at 100 per second over 5 s: 2.5 s busy of 5 s, half a core.
    expect(cpuPercent(sample(1000, 0), sample(1250, 5000), 100)).to.equal(50);
    // More than one core's worth is reported as such, not capped.
    expect(cpuPercent(sample(0, 0), sample(300, 2000), 100)).to.equal(150);
  });

  it('gives no figure when the process was restarted or not running', () => {
    expect(cpuPercent(sample(1000, 0), sample(5, 5000, '999999'), 100)).to.equal(undefined);
    expect(cpuPercent(undefined, sample(5, 5000), 100)).to.equal(undefined);
    expect(cpuPercent(sample(5, 0), undefined, 100)).to.equal(undefined);
    expect(cpuPercent(sample(5, 1000), sample(5, 1000), 100)).to.equal(undefined);
  });

  it('tells how long ago a process started', () => {
    // This test's own process: the kernel's clock ticks make it exact to about 10 ms.
    const seconds = secondsSinceStart(process.pid, clockTicksPerSecond());
    expect(seconds).to.be.closeTo(process.uptime(), 0.5);
    expect(secondsSinceStart(2 ** 30, 100)).to.equal(undefined);
  });

  it("counts a process's descendants apart from the process itself", async function () {
    this.timeout(10_000);
    const busy = spawn(process.execPath, [
      '-e',
      'const end = Date.now() + 3000; while (Date.now() < end);',
    ]);
    try {
      await sleep(500);
      const window = new TreeCpuWindow(
        new Map([['this test', process.pid]]),
        clockTicksPerSecond(),
      );
      await sleep(1000);
      const { own, descendants } = window.end()['this test']!;
      // The child spins for the whole second; this process sleeps.
      expect(descendants).to.be.greaterThan(0.3);
      expect(own).to.be.lessThan(descendants);
    } finally {
      busy.kill();
    }
  });
});

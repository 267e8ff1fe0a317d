import { expect } from 'chai';
import {
  backoff,
  describeRestarts,
  newWatch,
  observe,
  restarted,
  restartPolicy,
  type Sighting,
  type Step,
  type Watch,
} from './restart-policy.js';

const alive = (record: string): Sighting => ({ state: 'alive', record });
const dead = (record: string): Sighting => ({ state: 'dead', record });
const stopped: Sighting = { state: 'stopped' };

/** Feeds sightings in order, each at its time, and returns the steps and the last watch. */
function replay(sightings: [number, Sighting][], from: Watch = newWatch()) {
  let watch = from;
  const steps: Step[] = [];
  for (const [now, sighting] of sightings) {
    const next = observe(watch, sighting, now);
    watch = next.watch;
    steps.push(next.step);
  }
  return { watch, steps };
}

/** A process seen running as `record`, that died and was restarted at each of `times`. */
function restartedAt(times: number[]): Watch {
  let watch = observe(newWatch(), alive('pid-0'), 0).watch;
  times.forEach((at, i) => (watch = restarted(watch, `pid-${i + 1}`, at)));
  return watch;
}

describe('restart policy', () => {
  it('waits 1 s, then 2 s, then 4 s (and 4 s after that) between restarts', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoff(n))).to.deep.equal([1000, 2000, 4000, 4000, 4000]);
  });

  it('restarts a process that died after it was seen running, once its back-off is over', () => {
    const { steps, watch } = replay([
      [0, alive('pid-1')],
      [500, dead('pid-1')],
      [1000, dead('pid-1')],
      [1500, dead('pid-1')],
    ]);
    expect(steps).to.deep.equal([
      { kind: 'nothing' },
      { kind: 'restart-later', delayMs: 1000, restart: 1 },
      { kind: 'nothing' },
      { kind: 'restart-now', restart: 1 },
    ]);
    expect(watch.pendingRestart).to.deep.equal({ dueAt: 1500, restart: 1 });
  });

  it('waits longer after each restart within the window', () => {
    const watch = restartedAt([10_000, 20_000]);
    const { steps } = replay([[21_000, dead('pid-2')]], watch);
    expect(steps).to.deep.equal([{ kind: 'restart-later', delayMs: 4000, restart: 3 }]);
  });

  it('counts the process the watchdog started as seen running, even if it dies at once', () => {
    const watch = restarted(observe(newWatch(), alive('pid-1'), 0).watch, 'pid-2', 1000);
    const { steps } = replay([[1500, dead('pid-2')]], watch);
    expect(steps).to.deep.equal([{ kind: 'restart-later', delayMs: 2000, restart: 2 }]);
  });

  it('gives up when it dies again after 5 restarts within 2 minutes, and then does nothing', () => {
    const watch = restartedAt([0, 10_000, 20_000, 30_000, 40_000]);
    const { steps, watch: after } = replay(
      [
        [50_000, dead('pid-5')],
        [60_000, dead('pid-5')],
      ],
      watch,
    );
    expect(steps).to.deep.equal([{ kind: 'give-up', restarts: 5 }, { kind: 'nothing' }]);
    expect(after.gaveUp).to.equal(true);
  });

  it('forgets restarts older than the window', () => {
    const watch = restartedAt([0, 10_000, 20_000, 30_000, 40_000]);
    // 2 min after the first two restarts, three remain in the window.
    const { steps } = replay([[130_000, dead('pid-5')]], watch);
    expect(steps).to.deep.equal([{ kind: 'restart-later', delayMs: 4000, restart: 4 }]);
  });

  it('counts a restart that could not start the process, so a broken command is given up too', () => {
    let watch = restartedAt([]);
    watch = observe(watch, dead('pid-0'), 0).watch;
    for (let i = 0; i < 5; i += 1) watch = restarted(watch, undefined, 1000 * (i + 1));
    expect(watch.record).to.equal('pid-0');
    expect(observe(watch, dead('pid-0'), 6000).step).to.deep.equal({
      kind: 'give-up',
      restarts: 5,
    });
  });

  it('never restarts a process it did not see running', () => {
    const { steps } = replay([
      [0, dead('pid-1')],
      [500, dead('pid-1')],
      [5000, dead('pid-1')],
    ]);
    expect(steps).to.deep.equal([{ kind: 'found-dead' }, { kind: 'nothing' }, { kind: 'nothing' }]);
  });

  it('drops a pending restart when the process is stopped on purpose (its pid file removed)', () => {
    const { steps, watch } = replay([
      [0, alive('pid-1')],
      [500, dead('pid-1')],
      [700, stopped],
      [2000, stopped],
    ]);
    expect(steps.map((s) => s.kind)).to.deep.equal([
      'nothing',
      'restart-later',
      'nothing',
      'nothing',
    ]);
    expect(watch.pendingRestart).to.equal(undefined);
    expect(watch.seenAlive).to.equal(false);
  });

  it('drops a pending restart when something else started the process again', () => {
    const { steps, watch } = replay([
      [0, alive('pid-1')],
      [500, dead('pid-1')],
      [800, alive('pid-2')],
      [2000, alive('pid-2')],
    ]);
    expect(steps.map((s) => s.kind)).to.deep.equal([
      'nothing',
      'restart-later',
      'nothing',
      'nothing',
    ]);
    expect(watch).to.include({ record: 'pid-2', seenAlive: true });
    expect(watch.pendingRestart).to.equal(undefined);
  });

  it('watches a process given up on again once it runs anew', () => {
    const given = replay(
      [[50_000, dead('pid-5')]],
      restartedAt([0, 10_000, 20_000, 30_000, 40_000]),
    ).watch;
    expect(given.gaveUp).to.equal(true);
    const { watch } = replay([[60_000, alive('pid-9')]], given);
    expect(watch.gaveUp).to.equal(false);
  });

  it('says how many restarts in how long', () => {
    expect(describeRestarts(5)).to.equal('5 restarts in 2 min');
    expect(describeRestarts(1, 30_000)).to.equal('1 restart in 30 s');
    expect(restartPolicy.maxRestarts).to.equal(5);
  });
});

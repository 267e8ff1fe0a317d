import { expect } from 'chai';
import {
  FAULT_KINDS,
  FaultPlanError,
  parseFaultKinds,
  planFaults,
  type FaultKind,
} from './fault-plan.js';

const plan = (
  minutes: number,
  intervalSeconds: number,
  kinds: readonly FaultKind[] = FAULT_KINDS,
) => planFaults({ minutes, intervalSeconds, firstAtSeconds: 15, settleSeconds: 15, kinds });

describe('fault plan', () => {
  it('kills every interval, cycling through the kinds, none in the last settle seconds', () => {
    const faults = plan(5, 40);
    expect(faults.map((f) => f.atSeconds)).to.deep.equal([15, 55, 95, 135, 175, 215, 255]);
    expect(faults.map((f) => f.kind)).to.deep.equal([
      'raft-leader',
      'peer',
      'database',
      'gateway',
      'web',
      'raft-leader',
      'peer',
    ]);
  });

  it('counts earlier kills of the same kind, so the second peer kill strikes the other peer', () => {
    const peers = plan(5, 40).filter((f) => f.kind === 'peer');
    expect(peers.map((f) => f.occurrence)).to.deep.equal([0, 1]);
  });

  it('fits a kill at the last moment that still leaves the settle time', () => {
    // 1 minute: kills at 15 s and 45 s (45 = 60 - 15), not at 75 s.
    expect(plan(1, 30, ['raft-leader', 'gateway']).map((f) => [f.atSeconds, f.kind])).to.deep.equal(
      [
        [15, 'raft-leader'],
        [45, 'gateway'],
      ],
    );
  });

  it('plans nothing when the run is too short for a kill to settle', () => {
    expect(plan(0.4, 40)).to.deep.equal([]);
  });

  it('refuses an empty cycle', () => {
    expect(() => plan(5, 40, [])).to.throw(FaultPlanError, 'no fault kinds');
  });

  it('parses a list of kinds and names the unknown ones', () => {
    expect(parseFaultKinds('raft-leader, gateway')).to.deep.equal(['raft-leader', 'gateway']);
    expect(() => parseFaultKinds('gateway,ca')).to.throw(FaultPlanError, '(not: ca)');
    expect(() => parseFaultKinds(' , ')).to.throw(FaultPlanError, 'comma-separated');
  });
});

import { expect } from 'chai';
import { DeliveryTracker, summarise } from './event-delivery.js';

describe('event delivery', () => {
  it('times from the write answer to the matching event', () => {
    const tracker = new DeliveryTracker(30_000);
    tracker.answered('RecordCreated', 'R1', 1000);
    tracker.answered('RecordCreated', 'R2', 1000);
    tracker.arrived('RecordCreated', 'R2', 1250);
    tracker.arrived('RecordCreated', 'R1', 1100);
    const report = tracker.report(2000);
    expect(report.count).to.equal(2);
    expect(report.p50Ms).to.equal(100);
    expect(report.maxMs).to.equal(250);
    expect(report.notWithinDeadline).to.equal(0);
    expect(report.expected).to.equal(2);
    expect(tracker.awaitingCount).to.equal(0);
  });

  it('counts an event that beat its answer as 0 ms, and matches by name as well as ID', () => {
    const tracker = new DeliveryTracker(30_000);
    tracker.arrived('AccessShared', 'C1', 500);
    tracker.arrived('RecordCreated', 'C2', 500);
    tracker.answered('AccessShared', 'C1', 900);
    tracker.answered('AccessShared', 'C2', 900);
    const report = tracker.report(1000);
    expect(report.byEvent.AccessShared).to.include({ count: 1, maxMs: 0 });
    expect(tracker.isAwaiting(DeliveryTracker.key('AccessShared', 'C2'))).to.equal(true);
  });

  it('counts late and never-arrived events as not within the deadline, only once overdue', () => {
    const tracker = new DeliveryTracker(30_000);
    tracker.answered('RecordCreated', 'late', 0);
    tracker.arrived('RecordCreated', 'late', 45_000);
    tracker.answered('RecordCreated', 'lost', 1000);
    tracker.answered('RecordCreated', 'pending', 20_000);
    const report = tracker.report(40_000);
    expect(report.notWithinDeadline).to.equal(2);
    expect(report.maxMs).to.equal(45_000);
    expect(report.byEvent.RecordCreated).to.include({
      count: 1,
      expected: 3,
      notWithinDeadline: 2,
    });
    expect(tracker.report(60_000).notWithinDeadline).to.equal(3);
  });

  it('summarises no samples as no figures', () => {
    expect(summarise([])).to.deep.equal({ count: 0, p50Ms: null, p99Ms: null, maxMs: null });
    expect(summarise([3.4, 1.2, 9.6])).to.deep.equal({ count: 3, p50Ms: 3, p99Ms: 10, maxMs: 10 });
  });
});

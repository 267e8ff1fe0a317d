import {
  transactions as tx,
  type TransactionDefinition,
  type TransactionResult,
} from '@patrec/contract';
import {
  EVENTS_ABOUT,
  LEDGER_EVENT_NAMES,
  mayReceiveEvent,
  ROLES,
  type EventViewer,
  type LedgerEventName,
  type Role,
} from '@patrec/contract/core';
import { expect } from 'chai';
import type { LedgerEvent } from './test-support/fake-ledger';
import { adminA, adminB, auditor, buildAuthorizationScene, CALLERS } from './test-support/scenario';
import {
  HOSPITAL_B,
  person,
  sha256,
  type Identity,
  type TestChain,
} from './test-support/test-chain';

/**
 * The gateway shows a live event to whoever `mayReceiveEvent` (in the contract) lets see
 * it. That must never tell anyone more than the contract would: whoever receives an event
 * may read what it is about. And it must reach the people the event concerns.
 */

type Ids = Record<string, string | null>;

type Subject = keyof typeof EVENTS_ABOUT;

function subjectOf(name: string): Subject {
  const subjects = Object.keys(EVENTS_ABOUT) as Subject[];
  const subject = subjects.find((s) => (EVENTS_ABOUT[s] as readonly string[]).includes(name));
  if (!subject) throw new Error(`no read rule for the event ${name}`);
  return subject;
}

/**
 * Who a certificate's holder is as a gateway session: someone with a PatRec role whose ID,
 * if they registered, is registered at this certificate's hospital. The gateway's accounts
 * are registered at their own hospital, and the ledger binds each ID to one, so PAT1's ID
 * from the other hospital's CA ("imp") is never a session (the contract refuses it every
 * read, WRONG_HOSPITAL, and the events carry no patient's hospital to tell it apart).
 */
async function viewerOf(chain: TestChain, identity: Identity): Promise<EventViewer | undefined> {
  const { role, patrecId } = identity.attributes;
  if (!(ROLES as readonly (string | undefined)[]).includes(role) || !patrecId) return undefined;
  if (role === 'patient' || role === 'doctor') {
    const call = await chain.call(auditor, tx.participants.getParticipant, patrecId);
    const registeredAt = call.output && (JSON.parse(call.output) as { mspId: string }).mspId;
    if (registeredAt && registeredAt !== identity.mspId) return undefined;
  }
  return { role: role as Role, id: patrecId, mspId: identity.mspId };
}

const ids = (event: LedgerEvent) => event.payload as Ids;

const receives = (viewer: EventViewer, event: LedgerEvent) =>
  mayReceiveEvent(event.name as LedgerEventName, ids(event), viewer);

async function allowed(
  chain: TestChain,
  caller: Identity,
  definition: TransactionDefinition,
  ...args: string[]
): Promise<boolean> {
  return (await chain.call(caller, definition, ...args)).error === undefined;
}

/** Whether `caller` may read, through the contract, what the event is about. */
async function mayRead(chain: TestChain, caller: Identity, event: LedgerEvent): Promise<boolean> {
  const { participantId, doctorId, recordId, actorId, consentId, accessId } = ids(event);
  switch (subjectOf(event.name)) {
    case 'participant':
      return allowed(
        chain,
        caller,
        tx.participants.getParticipant,
        participantId ?? doctorId ?? '',
      );
    case 'record':
      // The writer is told of their own write, even a doctor who may not GetRecord.
      if (actorId && caller.attributes['patrecId'] === actorId) {
        return allowed(chain, caller, tx.participants.getParticipant, actorId);
      }
      return allowed(chain, caller, tx.records.getRecord, recordId ?? '');
    case 'consent':
      return allowed(chain, caller, tx.consents.getConsent, consentId ?? '');
    case 'access':
      return accessLogHolds(chain, caller, accessId ?? '');
  }
}

/** Whether the access log, as `caller` may read it, holds the entry. */
async function accessLogHolds(chain: TestChain, caller: Identity, accessId: string) {
  let bookmark = '';
  do {
    const call = await chain.call(
      caller,
      tx.access.listAccessLog,
      '',
      '',
      '',
      '',
      '',
      '100',
      bookmark,
    );
    if (call.error !== undefined) return false;
    const page = JSON.parse(call.output ?? '') as TransactionResult<typeof tx.access.listAccessLog>;
    if (page.items.some((entry) => entry.accessId === accessId)) return true;
    bookmark = page.bookmark;
  } while (bookmark !== '');
  return false;
}

/** The people an event concerns, each with the certificate of the hospital they registered at. */
async function partiesOf(chain: TestChain, event: LedgerEvent): Promise<Identity[]> {
  const { participantId, doctorId, patientId, actorId, accessorId, mspId } = ids(event);
  const registered = async (id: string | null) => {
    if (!id) return [];
    const participant = await chain.ok(auditor, tx.participants.getParticipant, id);
    return [person(participant.role, id, participant.mspId)];
  };
  switch (subjectOf(event.name)) {
    case 'participant':
      return [
        ...(await registered(participantId ?? doctorId ?? null)),
        mspId === HOSPITAL_B ? adminB : adminA,
      ];
    case 'record':
      return [...(await registered(patientId ?? null)), ...(await registered(actorId ?? null))];
    case 'consent':
      return [...(await registered(patientId ?? null)), ...(await registered(doctorId ?? null))];
    case 'access':
      return [...(await registered(patientId ?? null)), ...(await registered(accessorId ?? null))];
  }
}

const describeEvent = (event: LedgerEvent) => `${event.name} ${JSON.stringify(event.payload)}`;

describe('live-event visibility (mayReceiveEvent) follows the read rules', () => {
  let chain: TestChain;
  let events: readonly LedgerEvent[];

  before(async () => {
    ({ chain } = await buildAuthorizationScene());
    // The scene has no writes by doctors, reads, lookups or deletes: one of each.
    await chain.ok(
      person('doctor', 'DOC1'),
      tx.records.updateRecord,
      'PAT1REC0',
      'cardiac',
      sha256('v2'),
      '1',
    );
    await chain.ok(person('doctor', 'DOC1'), tx.access.accessRecord, 'PAT1REC0', '');
    await chain.ok(person('doctor', 'DOC12'), tx.access.accessRecord, 'PAT1REC1', '');
    await chain.ok(person('patient', 'PAT1'), tx.access.accessRecord, 'PAT1REC1', '');
    await chain.ok(person('doctor', 'DOC9'), tx.access.getRecordDirectory, 'PAT1', '', '');
    await chain.ok(person('patient', 'PAT2'), tx.records.deleteRecord, 'PAT2REC0');
    events = chain.ledger.events;
  });

  it('has events of every name the contract lists', () => {
    const names = new Set(events.map((event) => event.name));
    expect([...names].sort()).to.deep.equal([...LEDGER_EVENT_NAMES].sort());
  });

  for (const [who, identity] of Object.values(CALLERS)) {
    it(`${who}: receives only events about what they may read`, async () => {
      const viewer = await viewerOf(chain, identity);
      if (!viewer) {
        // No session holds such a certificate; nor may it read anything the events are about.
        for (const event of events) {
          expect(await mayRead(chain, identity, event), describeEvent(event)).to.equal(false);
        }
        return;
      }
      const leaks: string[] = [];
      for (const event of events) {
        if (receives(viewer, event) && !(await mayRead(chain, identity, event))) {
          leaks.push(describeEvent(event));
        }
      }
      expect(leaks).to.deep.equal([]);
    });
  }

  it("reaches every event's parties: its patient, doctor or writer, the participant's hospital admin", async () => {
    const missed: string[] = [];
    for (const event of events) {
      for (const party of await partiesOf(chain, event)) {
        const viewer = await viewerOf(chain, party);
        if (!viewer || !receives(viewer, event) || !(await mayRead(chain, party, event))) {
          missed.push(`${party.attributes['patrecId']}: ${describeEvent(event)}`);
        }
      }
    }
    expect(missed).to.deep.equal([]);
  });
});

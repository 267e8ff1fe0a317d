import {
  MAX_RECORDED_REFUSALS_PER_HOUR,
  transactions as tx,
  type AccessEntry,
  type Page,
  type ReadOutcome,
} from '@patrec/contract';
import { expect } from 'chai';
import {
  buildAuthorizationScene,
  CALLERS,
  type AuthorizationScene,
} from '../test-support/scenario';
import { newReadSigner, signRead, type ReadSigner } from '../test-support/readers';
import { person, sha256, TestChain, type Identity } from '../test-support/test-chain';

const patrecIdOf = (identity: Identity) => identity.attributes['patrecId'] ?? '';

const carrier = person('auditor', 'AUD1');
const byAccessor = (a: AccessEntry, b: AccessEntry) => a.accessorId.localeCompare(b.accessorId);

describe('RecordReads (reads carried in a batch)', () => {
  let scene: AuthorizationScene;
  let chain: TestChain;
  const signer = (id: string): ReadSigner => scene.readSigners.get(id)!;
  const carry = async (...reads: ReturnType<typeof signRead>[]) =>
    chain.ok(carrier, tx.access.recordReads, JSON.stringify(reads), '');

  before(async () => {
    scene = await buildAuthorizationScene();
  });
  beforeEach(() => {
    chain = scene.chain.clone();
  });

  it("gives every reader's read the outcome AccessRecord gives that reader", async () => {
    // Each reader signs with their own key; "imp" (PAT1's ID from the other hospital's CA)
    // holds no key of PAT1's, so cannot sign as PAT1.
    const readers = Object.entries(CALLERS)
      .map(([key, [, identity]]): [string, Identity] => [key, identity])
      .filter(([key, identity]) => key !== 'imp' && scene.readSigners.has(patrecIdOf(identity)))
      .map(([, identity]) => identity);
    expect(readers.length).to.be.greaterThan(10);
    for (const recordId of ['PAT1REC0', 'PAT1REC1']) {
      for (const reader of readers) {
        const id = patrecIdOf(reader);
        const alone = await chain.clone().call(reader, tx.access.accessRecord, recordId, '');
        const [outcome] = await carry(signRead(signer(id), recordId, chain.ledger.now));
        if (alone.error) {
          expect(outcome, `${id} ${recordId}`).to.have.property(
            'refusal',
            (alone.error as Error).message,
          );
        } else {
          const expected = JSON.parse(alone.output!) as { access: AccessEntry };
          expect(outcome, `${id} ${recordId}`).to.have.nested.property(
            'access.access.consentId',
            expected.access.consentId,
          );
        }
      }
    }
  });

  it('logs each read and refused attempt once, under its request ID, and announces them in one event', async () => {
    const now = chain.ledger.now;
    const reads = [
      signRead(signer('DOC1'), 'PAT1REC0', now),
      signRead(signer('DOC9'), 'PAT1REC0', now),
      signRead(signer('PAT1'), 'PAT1REC1', now),
    ];
    const call = await chain.call(carrier, tx.access.recordReads, JSON.stringify(reads), '');
    const outcomes = JSON.parse(call.output!) as ReadOutcome[];
    expect(outcomes.map((o) => o.requestId)).to.deep.equal(reads.map((r) => r.requestId));
    expect(outcomes[1])
      .to.have.property('refusal')
      .that.matches(/^FORBIDDEN\(NO_CONSENT\)/);
    expect(call.events).to.have.lengthOf(1);
    const [event] = call.events;
    expect(event?.name).to.equal('RecordsAccessed');
    const ids = (event?.payload as { events: { accessId: string; accessorId: string }[] }).events;
    expect(ids.map((e) => [e.accessId, e.accessorId])).to.deep.equal([
      [`ACC${reads[0]!.requestId}`, 'DOC1'],
      [`ACC${reads[1]!.requestId}`, 'DOC9'],
      [`ACC${reads[2]!.requestId}`, 'PAT1'],
    ]);
    const log = await chain.ok(
      person('patient', 'PAT1'),
      tx.access.listAccessLog,
      'PAT1',
      '',
      '',
      now,
      '',
      '',
      '',
    );
    const logged = (log as Page<AccessEntry>).items
      .sort(byAccessor)
      .map((e) => [e.accessorId, e.accessedAt, e.txId, e.outcome]);
    expect(logged).to.deep.equal([
      ['DOC1', now, call.txId, 'success'],
      ['DOC9', now, call.txId, 'minor-failure'],
      ['PAT1', now, call.txId, 'success'],
    ]);

    const [again] = await carry(reads[0]!);
    expect(again)
      .to.have.property('refusal')
      .that.matches(/^CONFLICT: ACC[0-9a-f]{64} is logged already/);
  });

  it('records a refused attempt, who made it, on what, when and why, for the patient, the auditor and the doctor', async () => {
    const now = chain.ledger.now;
    const read = signRead(signer('DOC9'), 'PAT1REC0', now);
    const [outcome] = await carry(read);
    expect(outcome)
      .to.have.property('refusal')
      .that.matches(/^FORBIDDEN\(NO_CONSENT\)/);
    const attempt = {
      accessId: `ACC${read.requestId}`,
      kind: 'record',
      patientId: 'PAT1',
      recordId: 'PAT1REC0',
      version: null,
      consentId: null,
      emergency: false,
      outcome: 'minor-failure',
      refusal: 'NO_CONSENT',
      accessorId: 'DOC9',
      accessedAt: now,
    };
    for (const [viewer, patientId, accessorId] of [
      [person('patient', 'PAT1'), 'PAT1', ''],
      [person('auditor', 'AUD1'), '', 'DOC9'],
      [person('doctor', 'DOC9'), '', 'DOC9'],
    ] as const) {
      const log = await chain.ok(
        viewer,
        tx.access.listAccessLog,
        patientId,
        '',
        accessorId,
        now,
        '',
        '',
        '',
      );
      const entry = (log as Page<AccessEntry>).items.find((e) => e.accessId === attempt.accessId);
      expect(entry, viewer.attributes['patrecId']).to.deep.include(attempt);
    }
  });

  it(`records at most ${MAX_RECORDED_REFUSALS_PER_HOUR} refused attempts per person and hour; later ones are refused unrecorded`, async () => {
    const refusedOf = async (from: string) => {
      const log = await chain.ok(
        person('auditor', 'AUD1'),
        tx.access.listAccessLog,
        '',
        '',
        'DOC9',
        from,
        '',
        '100',
        '',
      );
      return (log as Page<AccessEntry>).items.filter((e) => e.outcome === 'minor-failure').length;
    };
    const hour = chain.ledger.now;
    const attempts = (n: number) =>
      Array.from({ length: n }, () => signRead(signer('DOC9'), 'PAT1REC0', chain.ledger.now));
    const outcomes = await carry(...attempts(MAX_RECORDED_REFUSALS_PER_HOUR - 5));
    expect(outcomes.every((o) => 'refusal' in o)).to.equal(true);
    await carry(...attempts(10));
    expect(await refusedOf(hour)).to.equal(MAX_RECORDED_REFUSALS_PER_HOUR);

    chain.ledger.advance(3600);
    const [later] = await carry(...attempts(1));
    expect(later)
      .to.have.property('refusal')
      .that.matches(/^FORBIDDEN\(NO_CONSENT\)/);
    expect(await refusedOf(hour)).to.equal(MAX_RECORDED_REFUSALS_PER_HOUR + 1);
  });

  it('refuses a read not signed with the reader’s registered key, or by nobody registered', async () => {
    const now = chain.ledger.now;
    const impostor = newReadSigner('DOC1', 'impostor');
    const unknown = newReadSigner('PAT9');
    const tampered = { ...signRead(signer('DOC1'), 'PAT1REC0', now), recordId: 'PAT1REC1' };
    const outcomes = await carry(
      signRead(impostor, 'PAT1REC0', now),
      signRead(unknown, 'PAT1REC0', now),
      tampered,
    );
    expect(outcomes.map((o) => ('refusal' in o ? o.refusal : 'allowed'))).to.deep.equal([
      "FORBIDDEN(SIGNATURE): the read of PAT1REC0 is not signed with DOC1's registered key",
      'FORBIDDEN(SIGNATURE): PAT9 has registered no read key',
      "FORBIDDEN(SIGNATURE): the read of PAT1REC1 is not signed with DOC1's registered key",
    ]);
    // Nobody is proven to have asked, so nothing is recorded.
    const log = await chain.ok(
      person('auditor', 'AUD1'),
      tx.access.listAccessLog,
      'PAT1',
      '',
      '',
      now,
      '',
      '',
      '',
    );
    expect((log as Page<AccessEntry>).items).to.deep.equal([]);
  });

  it('reads an earlier version the reader signed for, and not one they did not', async () => {
    const now = chain.ledger.now;
    const earlier = (id: string, version?: number) =>
      signRead(signer(id), 'PAT1REC1', now, undefined, version);
    // PAT1REC1 is at version 2; DOC7 holds a grant on dentistry, DOC9 none.
    const outcomes = await carry(
      earlier('PAT1', 1),
      earlier('DOC7', 1),
      earlier('DOC9', 1),
      { ...earlier('DOC7', 1), version: 2 },
      { ...earlier('DOC7'), version: 1 },
      earlier('DOC7', 3),
    );
    expect(
      outcomes.map((o) => ('refusal' in o ? o.refusal : `v${o.access.record.version}`)),
    ).to.deep.equal([
      'v1',
      'v1',
      'FORBIDDEN(NO_CONSENT): DOC9 holds no active read grant covering PAT1REC1',
      "FORBIDDEN(SIGNATURE): the read of PAT1REC1 is not signed with DOC7's registered key",
      "FORBIDDEN(SIGNATURE): the read of PAT1REC1 is not signed with DOC7's registered key",
      'NOT_FOUND: record PAT1REC1 has no version 3; its latest is 2',
    ]);
    const [owner, doctor] = outcomes.flatMap((o) => ('access' in o ? [o.access] : []));
    expect(owner?.access).to.include({ version: 1, accessorId: 'PAT1', outcome: 'success' });
    expect(doctor?.access).to.include({ version: 1, accessorId: 'DOC7', outcome: 'success' });
    for (const read of [owner, doctor]) {
      expect(read?.record.contentHash).to.equal(sha256('PAT1 dentistry content'));
    }
    // The refused attempt names the version asked for.
    const log = await chain.ok(
      carrier,
      tx.access.listAccessLog,
      'PAT1',
      '',
      'DOC9',
      now,
      '',
      '',
      '',
    );
    expect((log as Page<AccessEntry>).items.map((e) => [e.version, e.refusal])).to.deep.equal([
      [1, 'NO_CONSENT'],
    ]);
  });

  it('refuses a read asked for more than a minute from the transaction’s time', async () => {
    const asked = chain.ledger.now;
    chain.ledger.advance(61);
    const [outcome] = await carry(signRead(signer('DOC1'), 'PAT1REC0', asked));
    expect(outcome)
      .to.have.property('refusal')
      .that.matches(/^INVALID_ARGUMENT: the read of PAT1REC0 was asked for at .*more than 60 s/);
  });

  it('refuses a batch that is empty, too big or repeats a request, before reading anything', async () => {
    const read = signRead(signer('DOC1'), 'PAT1REC0', chain.ledger.now);
    await chain.refused(carrier, 'INVALID_ARGUMENT', tx.access.recordReads, '[]', '');
    await chain.refused(
      carrier,
      'INVALID_ARGUMENT',
      tx.access.recordReads,
      JSON.stringify([read, read]),
      '',
    );
    await chain.refused(
      carrier,
      'INVALID_ARGUMENT',
      tx.access.recordReads,
      JSON.stringify(Array(101).fill(read)),
      '',
    );
    await chain.refused(
      carrier,
      'INVALID_ARGUMENT',
      tx.access.recordReads,
      JSON.stringify([{ ...read, signature: '' }]),
      '',
    );
  });

  it('logs a read answered already under the grant in force when it was asked, revoked since', async () => {
    const read = signRead(signer('DOC8'), 'PAT1REC0', chain.ledger.now);
    const { access } = await chain
      .clone()
      .ok(person('doctor', 'DOC8'), tx.access.accessRecord, 'PAT1REC0', '');
    chain.ledger.advance(5);
    await chain.ok(person('patient', 'PAT1'), tx.consents.revokeAccess, access.consentId!);
    // Asked afresh now, the read is refused (and recorded as refused); answered from an
    // endorsement that did not commit, it is logged in the refusal's place, under the grant
    // that allowed it.
    const [fresh] = await chain.ok(carrier, tx.access.recordReads, JSON.stringify([read]), '');
    expect(fresh)
      .to.have.property('refusal')
      .that.matches(/^FORBIDDEN\(REVOKED\)/);
    const [served] = await chain.ok(
      carrier,
      tx.access.recordReads,
      JSON.stringify([read]),
      JSON.stringify([read.requestId]),
    );
    expect(served).to.have.nested.property('access.access.consentId', access.consentId);
    expect(served).to.have.nested.property('access.access.accessedAt', read.requestedAt);
  });

  it('logs as answered no read asked after its grant ended, nor one the batch does not hold', async () => {
    const now = chain.ledger.now;
    const afterRevocation = signRead(signer('DOC4'), 'PAT1REC0', now);
    const [outcome] = await chain.ok(
      carrier,
      tx.access.recordReads,
      JSON.stringify([afterRevocation]),
      JSON.stringify([afterRevocation.requestId]),
    );
    expect(outcome)
      .to.have.property('refusal')
      .that.matches(/^FORBIDDEN\(REVOKED\)/);
    const other = signRead(signer('DOC1'), 'PAT1REC0', now);
    const message = await chain.refused(
      carrier,
      'INVALID_ARGUMENT',
      tx.access.recordReads,
      JSON.stringify([other]),
      JSON.stringify([afterRevocation.requestId]),
    );
    expect(message).to.equal(
      `INVALID_ARGUMENT: served names ${afterRevocation.requestId}, which is not a read of this batch`,
    );
  });

  it('a new read key replaces the old one at once', async () => {
    const fresh = newReadSigner('DOC1', 'fresh');
    await chain.ok(person('doctor', 'DOC1'), tx.participants.registerReadKey, fresh.publicKey);
    const now = chain.ledger.now;
    const outcomes = await carry(
      signRead(signer('DOC1'), 'PAT1REC0', now),
      signRead(fresh, 'PAT1REC0', now),
    );
    expect(outcomes[0])
      .to.have.property('refusal')
      .that.matches(/^FORBIDDEN\(SIGNATURE\)/);
    expect(outcomes[1]).to.have.property('access');
  });

  it('refuses a read key that is not a P-256 public key', async () => {
    const message = await chain.refused(
      person('doctor', 'DOC1'),
      'INVALID_ARGUMENT',
      tx.participants.registerReadKey,
      'bm90IGEga2V5',
    );
    expect(message).to.equal(
      'INVALID_ARGUMENT: publicKey must be a P-256 public key (SPKI DER, base64)',
    );
  });
});

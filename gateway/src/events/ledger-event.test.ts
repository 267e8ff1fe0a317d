import { expect } from 'chai';
import { concerns, type LedgerEvent } from './ledger-event.js';

const event = (name: string, ids: Record<string, string | null>): LedgerEvent => ({
  seq: 1,
  name,
  ids,
  txId: 't',
  blockNumber: 1,
});

describe('who a ledger event concerns', () => {
  const requested = event('AccessRequested', {
    consentId: 'CON1',
    patientId: 'PAT1',
    doctorId: 'DOC1',
  });
  const read = event('RecordAccessed', {
    recordId: 'PAT1REC0',
    patientId: 'PAT1',
    accessorId: 'DOC2',
  });

  it('reaches the patient and the doctor it names, not others', () => {
    expect(concerns(requested, { role: 'patient', userId: 'PAT1' })).to.equal(true);
    expect(concerns(requested, { role: 'doctor', userId: 'DOC1' })).to.equal(true);
    expect(concerns(requested, { role: 'patient', userId: 'PAT2' })).to.equal(false);
    expect(concerns(requested, { role: 'doctor', userId: 'DOC2' })).to.equal(false);
    expect(concerns(read, { role: 'doctor', userId: 'DOC2' })).to.equal(true);
  });

  it('reaches every auditor, and admins only for doctor registrations and verifications', () => {
    expect(concerns(read, { role: 'auditor', userId: 'AUD1' })).to.equal(true);
    expect(concerns(read, { role: 'admin', userId: 'ADM1' })).to.equal(false);
    const registered = event('ParticipantRegistered', { participantId: 'DOC9' });
    expect(concerns(registered, { role: 'admin', userId: 'ADM1' })).to.equal(true);
  });
});

import { expect } from 'chai';
import { mayReceiveEvent, type EventViewer } from './events.js';

const patient = (id: string): EventViewer => ({ role: 'patient', id, mspId: 'HospitalAMSP' });
const doctor = (id: string): EventViewer => ({ role: 'doctor', id, mspId: 'HospitalBMSP' });
const admin = (mspId: string): EventViewer => ({ role: 'admin', id: 'ADM1', mspId });
const auditor: EventViewer = { role: 'auditor', id: 'AUD1', mspId: 'HospitalAMSP' };

describe('who receives a ledger event', () => {
  const request = { consentId: 'CON1', patientId: 'PAT1', doctorId: 'DOC1' };
  const read = { accessId: 'ACC1', recordId: 'PAT1REC0', patientId: 'PAT1', accessorId: 'DOC2' };

  it('the patient and the doctor a consent names, nobody else but auditors', () => {
    expect(mayReceiveEvent('AccessRequested', request, patient('PAT1'))).to.equal(true);
    expect(mayReceiveEvent('AccessRequested', request, doctor('DOC1'))).to.equal(true);
    expect(mayReceiveEvent('AccessRequested', request, patient('PAT2'))).to.equal(false);
    expect(mayReceiveEvent('AccessRequested', request, doctor('DOC2'))).to.equal(false);
    expect(mayReceiveEvent('AccessRequested', request, admin('HospitalAMSP'))).to.equal(false);
    expect(mayReceiveEvent('AccessRequested', request, auditor)).to.equal(true);
  });

  it('a read: the patient whose record it was and the reader', () => {
    expect(mayReceiveEvent('RecordAccessed', read, patient('PAT1'))).to.equal(true);
    expect(mayReceiveEvent('RecordAccessed', read, doctor('DOC2'))).to.equal(true);
    expect(mayReceiveEvent('RecordAccessed', read, doctor('DOC1'))).to.equal(false);
  });

  it("registrations and verifications: the person and their own hospital's admins only", () => {
    const registered = { participantId: 'DOC9', mspId: 'HospitalBMSP' };
    expect(mayReceiveEvent('ParticipantRegistered', registered, admin('HospitalBMSP'))).to.equal(
      true,
    );
    expect(mayReceiveEvent('ParticipantRegistered', registered, admin('HospitalAMSP'))).to.equal(
      false,
    );
    expect(mayReceiveEvent('ParticipantRegistered', registered, doctor('DOC9'))).to.equal(true);
    const verified = { doctorId: 'DOC9', adminId: 'ADM1', mspId: 'HospitalBMSP' };
    expect(mayReceiveEvent('DoctorVerified', verified, doctor('DOC9'))).to.equal(true);
    expect(mayReceiveEvent('DoctorVerified', verified, admin('HospitalAMSP'))).to.equal(false);
    expect(mayReceiveEvent('DoctorVerified', verified, patient('PAT1'))).to.equal(false);
  });

  it('a record change: its owner and the doctor who wrote it', () => {
    const written = { recordId: 'PAT1REC0', patientId: 'PAT1', actorId: 'DOC1', consentId: 'C' };
    expect(mayReceiveEvent('RecordCreated', written, patient('PAT1'))).to.equal(true);
    expect(mayReceiveEvent('RecordCreated', written, doctor('DOC1'))).to.equal(true);
    expect(mayReceiveEvent('RecordCreated', written, doctor('DOC2'))).to.equal(false);
  });
});

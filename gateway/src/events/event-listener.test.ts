import { expect } from 'chai';
import { eventsIn } from './event-listener.js';

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('eventsIn', () => {
  it('hands on a contract event as it is', () => {
    const ids = { participantId: 'PAT1', mspId: 'HospitalAMSP' };
    expect(eventsIn('ParticipantRegistered', bytes(ids))).to.deep.equal([
      { name: 'ParticipantRegistered', ids },
    ]);
  });

  it('hands on each read of a batch as the RecordAccessed it stands for, in order', () => {
    const read = (accessorId: string) => ({
      accessId: `ACC${'a'.repeat(64)}`,
      recordId: 'PAT1REC0',
      patientId: 'PAT1',
      accessorId,
      consentId: null,
    });
    const announced = eventsIn('RecordsAccessed', bytes({ events: [read('DOC1'), read('PAT1')] }));
    expect(announced).to.deep.equal([
      { name: 'RecordAccessed', ids: read('DOC1') },
      { name: 'RecordAccessed', ids: read('PAT1') },
    ]);
  });

  it('hands on nothing for a name the contract does not know or a batch without a list', () => {
    expect(eventsIn('SomethingElse', bytes({ recordId: 'PAT1REC0' }))).to.deep.equal([]);
    expect(eventsIn('RecordsAccessed', bytes({ events: 'PAT1' }))).to.deep.equal([]);
    expect(eventsIn('RecordsAccessed', new TextEncoder().encode('{'))).to.deep.equal([]);
  });
});

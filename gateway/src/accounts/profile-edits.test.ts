import { expect } from 'chai';
import { editedProfile } from './profile-edits.js';

const patientProfile = {
  firstName: 'Mara',
  lastName: 'Lindqvist',
  dateOfBirth: '1987-03-14',
  sex: 'female',
  address: '12 Elm Street',
  city: 'Uppsala',
  state: 'Uppsala County',
  country: 'Sweden',
  phone: '+46 18 555 0100',
};

describe('profile edits', () => {
  it("replaces a patient's contact details and keeps their name, birth date and sex", () => {
    const edited = editedProfile('patient', patientProfile, {
      address: '3 Birch Road',
      city: 'Lund',
      state: 'Skåne',
      country: 'Sweden',
      phone: '+46 46 555 0199',
      firstName: 'Someone else',
    });
    expect(edited).to.deep.equal({
      ...patientProfile,
      address: '3 Birch Road',
      city: 'Lund',
      state: 'Skåne',
      phone: '+46 46 555 0199',
    });
  });

  it('removes a phone left empty or left out', () => {
    const contact = { address: 'a', city: 'b', state: 'c', country: 'd' };
    expect(
      editedProfile('patient', patientProfile, { ...contact, phone: '' }),
    ).to.not.have.property('phone');
    expect(editedProfile('patient', patientProfile, contact)).to.not.have.property('phone');
  });

  it("changes a doctor's public profile but not their name; staff change their name", () => {
    const doctor = { firstName: 'Iris', lastName: 'Okafor', specialty: 'Cardiology', schedule: [] };
    const edited = editedProfile('doctor', doctor, {
      specialty: 'Nephrology',
      qualification: 'MD',
      clinicAddress: '1 Quay',
      branch: 'South',
      phone: '+46 1',
      schedule: [{ day: 'monday', from: '08:00', to: '12:00' }],
    });
    expect(edited).to.include({ firstName: 'Iris', lastName: 'Okafor', specialty: 'Nephrology' });
    expect(edited.schedule).to.deep.equal([{ day: 'monday', from: '08:00', to: '12:00' }]);
    expect(
      editedProfile(
        'auditor',
        { firstName: 'Aude', lastName: 'Auditor' },
        {
          firstName: 'Aude',
          lastName: 'Martin',
        },
      ),
    ).to.deep.equal({ firstName: 'Aude', lastName: 'Martin' });
  });
});

import { expect } from 'chai';
import request from 'supertest';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor } from '../test-support/people.js';
import { loginThrottle } from './attempt-slots.js';
import { freshTotp } from '../test-support/fresh-totp.js';

type App = Awaited<ReturnType<typeof integrationApp>>;
interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
const errorOf = (response: request.Response) => (response.body as ErrorBody).error;

const password = 'correct horse battery';
const newPassword = 'a brand new passphrase';

const patientSignUp = (email: string) => ({
  firstName: 'Mara',
  lastName: 'Lindqvist',
  dateOfBirth: '1987-03-14',
  sex: 'female',
  address: '12 Elm Street',
  city: 'Uppsala',
  state: 'Uppsala County',
  country: 'Sweden',
  email,
  password,
});

const contact = {
  address: '3 Birch Road',
  city: 'Lund',
  state: 'Skåne County',
  country: 'Sweden',
  phone: '+46 46 555 0199',
};

/**
 * What people do with their own account, against the real CA, ledger and FerretDB: edit
 * their profile, change their password, reset a forgotten one with a recovery code, and make
 * a new set of codes; each refusal checked for its reason, and for what it left unchanged.
 */
describe('one’s own account: profile, password, recovery codes (integration)', function () {
  this.timeout(180_000);
  let gateway: App;
  let counter = 0;
  const unique = (name: string) => `${name}.${Date.now()}.${(counter += 1)}@example.org`;

  before(async () => {
    gateway = await integrationApp();
  });
  after(() => gateway.close());

  /** A patient signed up over HTTP: their ID and the recovery codes shown once. */
  async function signedUpPatient() {
    const email = unique('self');
    const created = await request(gateway.app)
      .post('/api/accounts/patients')
      .send(patientSignUp(email))
      .expect(201);
    const { id, recoveryCodes } = created.body as { id: string; recoveryCodes: string[] };
    return { id, email, recoveryCodes };
  }

  async function loggedIn(login: string, secret = password, totp?: string) {
    const agent = request.agent(gateway.app);
    const response = await agent
      .post('/api/sessions')
      .send({ login, password: secret, ...(totp ? { totp } : {}) });
    const csrf = (response.body as { csrfToken?: string }).csrfToken ?? '';
    return {
      status: response.status,
      response,
      agent,
      send: (method: 'post' | 'put', path: string, body: object) =>
        agent[method](path).set('X-CSRF-Token', csrf).send(body),
    };
  }

  const profileOf = async (person: { agent: request.Agent }) =>
    ((await person.agent.get('/api/me').expect(200)).body as { profile: Record<string, unknown> })
      .profile;

  it('keeps a patient’s edited contact details, and their name, birth date and sex as given', async () => {
    const { email } = await signedUpPatient();
    const patient = await loggedIn(email);
    const edited = await patient.send('put', '/api/me/contact-details', contact).expect(200);
    expect((edited.body as { profile: unknown }).profile).to.deep.include(contact);
    expect(await profileOf(patient)).to.deep.equal({
      firstName: 'Mara',
      lastName: 'Lindqvist',
      dateOfBirth: '1987-03-14',
      sex: 'female',
      ...contact,
    });
    // Sealed like the rest of the profile.
    const stored = await gateway.services.store.accounts.findOne({ email });
    expect(JSON.stringify(stored)).to.not.contain('Birch');

    const withoutPhone = await patient
      .send('put', '/api/me/contact-details', { ...contact, phone: '' })
      .expect(200);
    expect((withoutPhone.body as { profile: object }).profile).to.not.have.property('phone');
  });

  it('refuses bad contact details naming each field, and changes nothing', async () => {
    const { email } = await signedUpPatient();
    const patient = await loggedIn(email);
    await patient.send('put', '/api/me/contact-details', contact).expect(200);
    const before = await profileOf(patient);

    const bad = await patient
      .send('put', '/api/me/contact-details', { ...contact, city: '  ', phone: 'call me' })
      .expect(400);
    expect(errorOf(bad)).to.deep.equal({
      code: 'INVALID_ARGUMENT',
      message: 'City: fill this in. Also check: Phone.',
      details: {
        fields: [
          { field: 'body.city', message: 'Fill this in.' },
          { field: 'body.phone', message: 'Enter a phone number, or nothing.' },
        ],
      },
    });
    const renamed = await patient
      .send('put', '/api/me/contact-details', { ...contact, lastName: 'Someone' })
      .expect(400);
    expect(errorOf(renamed).message).to.equal(
      'Request: leave out lastName: it is not a field here.',
    );
    expect(await profileOf(patient)).to.deep.equal(before);
  });

  it('shows a doctor’s edited public profile on their card at once; staff edit their name', async () => {
    const doctor = await personFor(gateway.app, gateway.services, 'doctor', 'hospitalb', {
      firstName: 'Iris',
      lastName: 'Okafor',
      specialty: 'Cardiology',
    });
    // Read once, so the card is cached before the edit.
    await doctor.agent.get(`/api/doctors/${doctor.id}`).expect(200);
    const practice = {
      specialty: 'Nephrology',
      qualification: 'MD, PhD',
      clinicAddress: '9 Quay Street',
      branch: 'South',
      phone: '+46 18 555 0102',
      schedule: [{ day: 'monday', from: '08:00', to: '12:00' }],
    };
    await doctor.send('put', '/api/me/public-profile', practice).expect(200);
    const card = await doctor.agent.get(`/api/doctors/${doctor.id}`).expect(200);
    expect(card.body).to.deep.include({
      name: 'Iris Okafor',
      specialty: 'Nephrology',
      branch: 'South',
      schedule: practice.schedule,
    });
    const badHours = await doctor
      .send('put', '/api/me/public-profile', {
        ...practice,
        schedule: [{ day: 'monday', from: '12:00', to: '08:00' }],
      })
      .expect(400);
    expect(errorOf(badHours).message).to.equal(
      'End time (consulting hours 1): enter a time after the start time.',
    );

    const auditor = await personFor(gateway.app, gateway.services, 'auditor', 'hospitala', {
      firstName: 'Aude',
      lastName: 'Auditor',
    });
    await auditor
      .send('put', '/api/me/name', { firstName: 'Aude', lastName: 'Martin' })
      .expect(200);
    expect(await profileOf(auditor)).to.deep.equal({ firstName: 'Aude', lastName: 'Martin' });
    const notHers = await auditor.send('put', '/api/me/public-profile', practice).expect(403);
    expect(errorOf(notHers).details).to.deep.equal({ reason: 'ROLE' });
  });

  it('refuses a password change with a wrong current password, and the old one still works', async () => {
    const { email } = await signedUpPatient();
    const patient = await loggedIn(email);
    const wrong = await patient
      .send('put', '/api/me/password', { currentPassword: 'not my password', newPassword })
      .expect(403);
    expect(errorOf(wrong).message).to.equal(
      'That is not your current password: type the one you log in with.',
    );
    expect(errorOf(wrong).details).to.deep.equal({
      fields: [
        {
          field: 'body.currentPassword',
          message: 'That is not your current password: type the one you log in with.',
        },
      ],
    });
    const short = await patient
      .send('put', '/api/me/password', { currentPassword: password, newPassword: 'short' })
      .expect(400);
    expect(errorOf(short).message).to.equal('New password: use at least 10 characters.');
    const same = await patient
      .send('put', '/api/me/password', { currentPassword: password, newPassword: password })
      .expect(400);
    expect(errorOf(same).message).to.equal(
      'New password: enter a password other than your current one.',
    );
    expect((await loggedIn(email)).status).to.equal(200);
    expect((await loggedIn(email, newPassword)).status).to.equal(401);
  });

  it('changes the password: the old one fails, the new one works, other sessions end', async () => {
    const { email } = await signedUpPatient();
    const here = await loggedIn(email);
    const elsewhere = await loggedIn(email);
    await elsewhere.agent.get('/api/me').expect(200);
    const changed = await here
      .send('put', '/api/me/password', { currentPassword: password, newPassword })
      .expect(200);
    expect(changed.body).to.deep.equal({ otherSessionsEnded: 1 });
    expect(errorOf(await elsewhere.agent.get('/api/me').expect(401)).code).to.equal(
      'UNAUTHENTICATED',
    );
    await here.agent.get('/api/me').expect(200);
    expect((await loggedIn(email)).status).to.equal(401);
    expect((await loggedIn(email, newPassword)).status).to.equal(200);
  });

  it('asks staff for their authenticator code to change the password', async () => {
    const email = unique('doc');
    const created = await gateway.services.accounts.create({
      role: 'doctor',
      hospital: 'hospitala',
      email,
      password,
      profile: {},
    });
    const secret = created.totp!.secret;
    const doctor = await loggedIn(email, password, await freshTotp(secret, created.id));
    const change = { currentPassword: password, newPassword };
    const noCode = await doctor.send('put', '/api/me/password', change).expect(403);
    expect(errorOf(noCode)).to.deep.include({
      message: 'Enter the 6-digit code from your authenticator app.',
    });
    expect(errorOf(noCode).details).to.include({ totpRequired: true });
    expect((await loggedIn(email, password, await freshTotp(secret, created.id))).status).to.equal(
      200,
    );
    await doctor
      .send('put', '/api/me/password', { ...change, totp: await freshTotp(secret, created.id) })
      .expect(200);
    expect(
      (await loggedIn(email, newPassword, await freshTotp(secret, created.id))).status,
    ).to.equal(200);
  });

  it('locks the account after repeated wrong current passwords, as log-in does', async () => {
    const { email } = await signedUpPatient();
    const patient = await loggedIn(email);
    for (let i = 0; i < loginThrottle.lockAfter; i += 1) {
      await patient
        .send('put', '/api/me/password', { currentPassword: `wrong ${i} guess`, newPassword })
        .expect(403);
    }
    const locked = await patient
      .send('put', '/api/me/password', { currentPassword: password, newPassword })
      .expect(429);
    expect(errorOf(locked).code).to.equal('RATE_LIMITED');
    expect((await loggedIn(email)).status).to.equal(429);
  });

  it('resets a forgotten password with a recovery code once; a spent, wrong or unknown one is refused alike', async () => {
    const { id, email, recoveryCodes } = await signedUpPatient();
    expect(recoveryCodes).to.have.length(8);
    expect(new Set(recoveryCodes).size).to.equal(8);
    const stored = await gateway.services.store.findById(id);
    expect(JSON.stringify(stored)).to.not.contain(recoveryCodes[0]!.replace(/-/g, ''));
    expect(JSON.stringify(stored)).to.not.contain(recoveryCodes[0]);
    const before = await loggedIn(email);

    const code = recoveryCodes[2]!;
    const reset = await request(gateway.app)
      .post('/api/accounts/password-resets')
      .send({ login: id, recoveryCode: code.toLowerCase(), newPassword })
      .expect(200);
    expect(reset.body).to.deep.equal({ recoveryCodesLeft: 7 });
    await before.agent.get('/api/me').expect(401);
    expect((await loggedIn(email)).status).to.equal(401);
    const after = await loggedIn(email, newPassword);
    expect(after.status).to.equal(200);
    expect((await after.agent.get('/api/me').expect(200)).body).to.include({
      recoveryCodesLeft: 7,
    });

    const spent = await request(gateway.app)
      .post('/api/accounts/password-resets')
      .send({ login: email, recoveryCode: code, newPassword: 'yet another password' })
      .expect(401);
    const wrong = await request(gateway.app)
      .post('/api/accounts/password-resets')
      .send({ login: email, recoveryCode: 'AAAA-BBBB-CCCC', newPassword: 'yet another password' })
      .expect(401);
    const unknown = await request(gateway.app)
      .post('/api/accounts/password-resets')
      .send({ login: unique('nobody'), recoveryCode: code, newPassword: 'yet another password' })
      .expect(401);
    expect(errorOf(spent)).to.deep.equal({
      code: 'UNAUTHENTICATED',
      message:
        'that ID or e-mail and recovery code do not match: check both, and use a code not used before',
    });
    expect(errorOf(wrong)).to.deep.equal(errorOf(spent));
    expect(errorOf(unknown)).to.deep.equal(errorOf(spent));
    expect((await loggedIn(email, newPassword)).status).to.equal(200);
  });

  it('counts wrong recovery codes towards the log-in lockout', async () => {
    const { email } = await signedUpPatient();
    for (let i = 0; i < loginThrottle.lockAfter; i += 1) {
      await request(gateway.app)
        .post('/api/accounts/password-resets')
        .send({ login: email, recoveryCode: `AAAA-BBBB-CCC${i}`, newPassword })
        .expect(401);
    }
    expect((await loggedIn(email)).status).to.equal(429);
  });

  it('makes a new set of recovery codes with the password; the old set is void', async () => {
    const { email, recoveryCodes } = await signedUpPatient();
    const patient = await loggedIn(email);
    const refused = await patient
      .send('post', '/api/me/recovery-codes', { password: 'not my password' })
      .expect(403);
    expect(errorOf(refused).details).to.deep.include({
      fields: [
        {
          field: 'body.password',
          message: 'That is not your current password: type the one you log in with.',
        },
      ],
    });
    const made = await patient.send('post', '/api/me/recovery-codes', { password }).expect(201);
    const { codes } = made.body as { codes: string[] };
    expect(codes).to.have.length(8);
    expect(codes).to.not.include.members([recoveryCodes[0]]);
    await request(gateway.app)
      .post('/api/accounts/password-resets')
      .send({ login: email, recoveryCode: recoveryCodes[0], newPassword })
      .expect(401);
    await request(gateway.app)
      .post('/api/accounts/password-resets')
      .send({ login: email, recoveryCode: codes[5], newPassword })
      .expect(200);
    expect((await loggedIn(email, newPassword)).status).to.equal(200);
  });

  it('gives accounts made without codes (demo accounts) none until they make some', async () => {
    const patient = await personFor(gateway.app, gateway.services, 'patient', 'hospitala');
    const me = await patient.agent.get('/api/me').expect(200);
    expect(me.body).to.include({ recoveryCodesLeft: 0 });
  });
  it('lets a stolen session neither turn two-step log-in off nor move it: a new secret takes the password and a current code, and holds only once confirmed', async () => {
    const { id, email } = await signedUpPatient();
    const patient = await loggedIn(email);
    const first = await patient.send('post', '/api/me/totp', { password }).expect(201);
    const oldSecret = (first.body as { secret: string }).secret;
    await patient
      .send('post', '/api/me/totp/confirm', { code: await freshTotp(oldSecret, id) })
      .expect(204);
    expect((await loggedIn(email)).status, 'two-step log-in is on').to.equal(401);

    // What the session alone (no password) gets: a refusal, and two-step log-in stays on.
    const bare = await patient.send('post', '/api/me/totp', {}).expect(400);
    expect(errorOf(bare).details?.fields).to.deep.equal([
      { field: 'body.password', message: 'Fill this in.' },
    ]);
    const noCode = await patient.send('post', '/api/me/totp', { password }).expect(403);
    expect(errorOf(noCode).message).to.equal('Enter the 6-digit code from your authenticator app.');
    const wrong = await patient
      .send('post', '/api/me/totp', { password: 'not the password', totp: '000000' })
      .expect(403);
    expect(errorOf(wrong).message).to.match(/^That is not your current password/);
    expect((await loggedIn(email)).status).to.equal(401);

    // With both, a new secret; the old one holds until the new one is confirmed.
    const moved = await patient
      .send('post', '/api/me/totp', { password, totp: await freshTotp(oldSecret, id) })
      .expect(201);
    const newSecret = (moved.body as { secret: string }).secret;
    expect((await loggedIn(email, password, await freshTotp(oldSecret, id))).status).to.equal(200);
    await patient
      .send('post', '/api/me/totp/confirm', { code: await freshTotp(newSecret, id) })
      .expect(204);
    expect((await loggedIn(email, password, await freshTotp(newSecret, id))).status).to.equal(200);
    expect((await loggedIn(email, password, await freshTotp(oldSecret, id))).status).to.equal(401);
  });
});

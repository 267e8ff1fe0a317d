import { expect } from 'chai';
import request from 'supertest';
import { integrationApp } from '../test-support/integration-app.js';
import { freshTotp } from '../test-support/fresh-totp.js';

type App = Awaited<ReturnType<typeof integrationApp>>;
interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
const errorOf = (response: request.Response) => (response.body as ErrorBody).error;

const patient = (email: string) => ({
  firstName: 'Mara',
  lastName: 'Lindqvist',
  dateOfBirth: '1987-03-14',
  address: '12 Elm Street',
  city: 'Uppsala',
  state: 'Uppsala County',
  country: 'Sweden',
  email,
  password: 'correct horse battery',
});

const doctor = (email: string) => ({
  firstName: 'Iris',
  lastName: 'Okafor',
  specialty: 'Cardiology',
  hospital: 'hospitalb',
  qualification: 'MD, FESC',
  clinicAddress: '3 Harbour Road',
  branch: 'North',
  phone: '+46 18 555 0101',
  schedule: [{ day: 'tuesday', from: '08:30', to: '16:00' }],
  email,
  password: 'stethoscope-42',
});

describe('accounts over HTTP (integration: real CA, ledger and FerretDB)', function () {
  this.timeout(120_000);
  let gateway: App;
  const unique = (name: string) => `${name}.${Date.now()}@example.org`;

  before(async () => {
    gateway = await integrationApp();
  });
  after(() => gateway.close());

  it('signs a patient up, enrols them at the hospital CA and registers them on the ledger', async () => {
    const email = unique('mara');
    const created = await request(gateway.app).post('/api/accounts/patients').send(patient(email));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const id = (created.body as { id: string }).id;
    expect(id).to.match(/^PAT\d+$/);

    const onLedger = await gateway.services.ledger.as(id, async (ledger) => ({
      whoami: await ledger.health.whoAmI({}),
      participant: await ledger.participants.getParticipant({ participantId: id }),
    }));
    expect(onLedger.whoami).to.deep.equal({ mspId: 'HospitalAMSP', role: 'patient', patrecId: id });
    expect(onLedger.participant.status).to.equal('ACTIVE');

    const agent = request.agent(gateway.app);
    const login = await agent
      .post('/api/sessions')
      .send({ login: email, password: 'correct horse battery' });
    expect(login.status).to.equal(200);
    expect(String(login.headers['set-cookie'])).to.match(
      /patrec_session=[^;]+; .*HttpOnly; .*SameSite=Strict/,
    );
    const me = await agent.get('/api/me').expect(200);
    expect(me.body).to.include({ id, role: 'patient', email, totpEnabled: false });
    expect((me.body as { profile: unknown }).profile).to.deep.include({
      lastName: 'Lindqvist',
      city: 'Uppsala',
    });
  });

  it('gives a new patient empty consent and access lists (empty ledger pages)', async () => {
    const email = unique('empty');
    await request(gateway.app).post('/api/accounts/patients').send(patient(email)).expect(201);
    const agent = request.agent(gateway.app);
    await agent
      .post('/api/sessions')
      .send({ login: email, password: 'correct horse battery' })
      .expect(200);
    const consents = await agent.get('/api/consents').expect(200);
    expect(consents.body).to.deep.equal({ items: [], bookmark: '' });
    const log = await agent.get('/api/access-log').expect(200);
    expect(log.body).to.deep.equal({ items: [], bookmark: '' });
  });

  it('keeps the profile encrypted in the database', async () => {
    const email = unique('enc');
    await request(gateway.app).post('/api/accounts/patients').send(patient(email)).expect(201);
    const stored = await gateway.services.store.accounts.findOne({ email });
    expect(JSON.stringify(stored)).to.not.contain('Lindqvist');
    expect(JSON.stringify(stored)).to.not.contain('1987-03-14');
  });

  it('refuses a second account with the same e-mail with 409 and creates nothing', async () => {
    const email = unique('twice');
    await request(gateway.app).post('/api/accounts/patients').send(patient(email)).expect(201);
    const before = await gateway.services.store.accounts.countDocuments();
    const again = await request(gateway.app)
      .post('/api/accounts/patients')
      .send(patient(email))
      .expect(409);
    expect(errorOf(again).code).to.equal('CONFLICT');
    expect(await gateway.services.store.accounts.countDocuments()).to.equal(before);
  });

  it('refuses an invalid sign-up naming the field, and creates nothing', async () => {
    const before = await gateway.services.store.accounts.countDocuments();
    for (const dateOfBirth of ['2999-01-01', '1800-01-01']) {
      const implausible = { ...patient(unique('born')), dateOfBirth };
      const response = await request(gateway.app)
        .post('/api/accounts/patients')
        .send(implausible)
        .expect(400);
      expect(errorOf(response), dateOfBirth).to.deep.equal({
        code: 'INVALID_ARGUMENT',
        message: 'Date of birth: enter a date from 1900-01-01 up to today.',
        details: {
          fields: [
            { field: 'body.dateOfBirth', message: 'Enter a date from 1900-01-01 up to today.' },
          ],
        },
      });
    }
    const injected = { ...patient(unique('inj')), email: { $gt: '' } };
    const refused = await request(gateway.app)
      .post('/api/accounts/patients')
      .send(injected)
      .expect(400);
    expect(errorOf(refused).message).to.equal(
      'E-mail: enter an e-mail address such as name@example.com.',
    );
    expect(errorOf(refused).details).to.deep.equal({
      fields: [
        { field: 'body.email', message: 'Enter an e-mail address such as name@example.com.' },
      ],
    });
    expect(await gateway.services.store.accounts.countDocuments()).to.equal(before);
  });

  it('slows and then locks repeated failed log-ins, refusing even the right password meanwhile', async () => {
    const email = unique('locked');
    await request(gateway.app).post('/api/accounts/patients').send(patient(email)).expect(201);
    for (let i = 0; i < 4; i += 1) {
      const wrong = await request(gateway.app)
        .post('/api/sessions')
        .send({ login: email, password: 'wrong one!' });
      expect(wrong.status).to.equal(401);
      expect(errorOf(wrong).message).to.equal('wrong ID, e-mail or password');
    }
    await request(gateway.app)
      .post('/api/sessions')
      .send({ login: email, password: 'wrong one!' })
      .expect(401);
    const locked = await request(gateway.app)
      .post('/api/sessions')
      .send({ login: email, password: 'correct horse battery' })
      .expect(429);
    // Until the end of the 15-minute window the failures were counted in.
    expect(Number(locked.headers['retry-after'])).to.be.within(1, 900);
    expect(errorOf(locked).code).to.equal('RATE_LIMITED');
  });

  /** Signs a doctor up over HTTP: their ID and authenticator secret (with its URI). */
  async function signedUpDoctor(email: string) {
    const created = await request(gateway.app)
      .post('/api/accounts/doctors')
      .send(doctor(email))
      .expect(201);
    return created.body as { id: string; totp: { secret: string; uri: string } };
  }

  /** Sends the same log-in `times` at once and counts the answers by status. */
  async function loginStorm(times: number, body: object) {
    const server = gateway.app.listen(0, '127.0.0.1');
    try {
      const answers = await Promise.all(
        Array.from({ length: times }, () => request(server).post('/api/sessions').send(body)),
      );
      const statuses: Record<number, number> = {};
      for (const { status } of answers) statuses[status] = (statuses[status] ?? 0) + 1;
      return { statuses, answers };
    } finally {
      server.close();
    }
  }

  it('evaluates at most 5 of 200 parallel wrong passwords for one account, refusing the rest with 429', async () => {
    const email = unique('storm');
    await request(gateway.app).post('/api/accounts/patients').send(patient(email)).expect(201);
    const { statuses } = await loginStorm(200, { login: email, password: 'guess number n' });
    expect(statuses[401] ?? 0).to.be.within(1, 5);
    expect(statuses[429]).to.equal(200 - (statuses[401] ?? 0));
    const meanwhile = await request(gateway.app)
      .post('/api/sessions')
      .send({ login: email, password: 'correct horse battery' });
    expect(meanwhile.status).to.equal(429);
  });

  it('answers guesses for a login no one has exactly as for a real account, lockout included', async () => {
    const { statuses, answers } = await loginStorm(200, {
      login: unique('nobody'),
      password: 'guess number n',
    });
    expect(statuses[401] ?? 0).to.be.within(1, 5);
    expect(statuses[429]).to.equal(200 - (statuses[401] ?? 0));
    const messages = new Set(answers.map((answer) => errorOf(answer).message));
    expect([...messages].sort()).to.deep.equal([
      'too many failed log-ins; try again later',
      'wrong ID, e-mail or password',
    ]);
  });

  it('refuses log-ins beyond what it can check at once with 429, and answers everything else meanwhile', async () => {
    const server = gateway.app.listen(0, '127.0.0.1');
    try {
      const flood = Array.from({ length: 300 }, (_, n) =>
        request(server)
          .post('/api/sessions')
          .send({ login: unique(`flood${n}`), password: 'guess number n' }),
      );
      const health = await request(server).get('/api/health');
      const answers = await Promise.all(flood);
      expect(health.status).to.equal(200);
      const busy = answers.filter(
        (answer) =>
          errorOf(answer).message ===
          'too many log-ins and sign-ups at once; try again in a moment',
      );
      expect(busy.length).to.be.greaterThan(0);
      for (const answer of busy) {
        expect([answer.status, answer.headers['retry-after']]).to.deep.equal([429, '1']);
      }
      expect(answers.filter((answer) => answer.status === 401).length).to.be.at.least(68);
      expect(answers.every((answer) => [401, 429].includes(answer.status))).to.equal(true);
    } finally {
      server.close();
    }
  });

  it('takes an authenticator code once: a replay after a log-in is refused', async () => {
    const { id, totp } = await signedUpDoctor(unique('replay'));
    const login = { login: id, password: 'stethoscope-42', totp: await freshTotp(totp.secret, id) };
    await request(gateway.app).post('/api/sessions').send(login).expect(200);
    const replayed = await request(gateway.app).post('/api/sessions').send(login).expect(401);
    expect(errorOf(replayed)).to.deep.include({
      message: 'that code was used already: wait for the next one your authenticator app shows',
      details: { totpRequired: true },
    });
  });

  it('lets exactly one of several parallel log-ins with one code in', async () => {
    const { id, totp } = await signedUpDoctor(unique('race'));
    const code = await freshTotp(totp.secret, id);
    const { statuses } = await loginStorm(8, { login: id, password: 'stethoscope-42', totp: code });
    expect(statuses[200]).to.equal(1);
    expect((statuses[401] ?? 0) + (statuses[429] ?? 0)).to.equal(7);
  });

  it('signs a doctor up as unverified and requires their TOTP code at log-in', async () => {
    const email = unique('iris');
    const { id, totp } = await signedUpDoctor(email);
    expect(id).to.match(/^DOC\d+$/);
    expect(totp.uri).to.match(/^otpauth:\/\/totp\/PatRec:DOC\d+/);
    const participant = await gateway.services.ledger.as(id, (ledger) =>
      ledger.participants.getParticipant({ participantId: id }),
    );
    expect(participant).to.include({ status: 'UNVERIFIED', mspId: 'HospitalBMSP' });

    const withoutCode = await request(gateway.app)
      .post('/api/sessions')
      .send({ login: id, password: 'stethoscope-42' })
      .expect(401);
    expect(errorOf(withoutCode).details).to.deep.equal({ totpRequired: true });
    const withCode = await request(gateway.app)
      .post('/api/sessions')
      .send({ login: id, password: 'stethoscope-42', totp: await freshTotp(totp.secret, id) })
      .expect(200);
    expect((withCode.body as { user: unknown }).user).to.deep.equal({
      id,
      role: 'doctor',
      hospital: 'hospitalb',
    });
  });

  it('refuses a staff log-in when the account has lost its authenticator secret (never fails open)', async () => {
    const email = unique('nosecret');
    const { id, totp } = await signedUpDoctor(email);
    // A database fault or an intruder removes the secret.
    await gateway.services.store.accounts.updateOne({ _id: id }, { $set: { totp: null } });
    for (const attempt of [{}, { totp: await freshTotp(totp.secret, id) }]) {
      const refused = await request(gateway.app)
        .post('/api/sessions')
        .send({ login: id, password: 'stethoscope-42', ...attempt })
        .expect(401);
      expect(errorOf(refused).message).to.equal(
        'this account has no authenticator set up, so it cannot log in; ask your hospital’s admin',
      );
    }
  });

  it('logs out only with the CSRF token, and the session is gone afterwards', async () => {
    const email = unique('bye');
    await request(gateway.app).post('/api/accounts/patients').send(patient(email)).expect(201);
    const agent = request.agent(gateway.app);
    const login = await agent
      .post('/api/sessions')
      .send({ login: email, password: 'correct horse battery' })
      .expect(200);
    const csrf = (login.body as { csrfToken: string }).csrfToken;
    const forged = await agent.delete('/api/sessions/current').expect(403);
    expect(errorOf(forged).details).to.deep.equal({ reason: 'CSRF' });
    await agent.delete('/api/sessions/current').set('X-CSRF-Token', csrf).expect(204);
    const after = await agent.get('/api/me').expect(401);
    expect(errorOf(after).code).to.equal('UNAUTHENTICATED');
  });
});

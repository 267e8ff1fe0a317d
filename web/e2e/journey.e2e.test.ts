import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { openBrowser, type PersonBrowser } from './support/browser';
import {
  loadUntilShown,
  logIn,
  markDocument,
  navigate,
  outOfReach,
  screenshot,
  sees,
  stillSameDocument,
  visibleText,
} from './support/page-helpers';
import { demoLogins, runTag, webUrl, type DemoLogin } from './support/people';

/**
 * The whole consent journey in real browsers against the real gateway and ledger: a patient
 * and a doctor sign up, an admin verifies the doctor, the doctor asks, the patient approves
 * (seeing the request arrive live), the doctor reads, the patient sees it and revokes, the
 * doctor is refused, and an auditor finds every step in the access log.
 */
describe('PatRec web journey (headless Chromium)', function () {
  this.bail(true);

  const password = 'correct horse battery staple';
  const tag = runTag();
  const patient = { firstName: 'Ada', lastName: 'Lovelace', id: '', email: '' };
  const doctor = { firstName: 'Grace', lastName: 'Hopper', id: '', secret: '' };
  let recordId = '';
  let consentId = '';

  let baseUrl: string;
  let logins: DemoLogin[];
  const browsers: PersonBrowser[] = [];
  let patientPage: Page;
  let doctorPage: Page;

  const open = async (viewport?: { width: number; height: number }) => {
    const browser = await openBrowser(baseUrl, viewport);
    browsers.push(browser);
    return browser;
  };
  const staff = (role: DemoLogin['role'], hospital?: string) => {
    const login = logins.find((l) => l.role === role && (!hospital || l.hospital === hospital));
    if (!login?.totpSecret) throw new Error(`no demo ${role} with TOTP for ${hospital ?? 'any'}`);
    return login as DemoLogin & { totpSecret: string };
  };

  before(async () => {
    baseUrl = webUrl();
    logins = demoLogins();
    patientPage = (await open()).page;
    doctorPage = (await open()).page;
  });

  after(async () => {
    // Only the browsers this test started, each with its temporary profile.
    await Promise.allSettled(browsers.map((b) => b.close()));
  });

  it('lets a patient sign up and shows the new patient ID prominently', async () => {
    const page = patientPage;
    patient.email = `ada.${tag}@example.org`;
    await page.goto('/signup/patient');
    await page.getByLabel('First name').fill(patient.firstName);
    await page.getByLabel('Last name').fill(patient.lastName);
    await page.getByLabel('Date of birth').fill('1984-03-12');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Street address').fill('12 St James Square');
    await page.getByLabel('City').fill('London');
    await page.getByLabel('State or region').fill('Greater London');
    await page.getByLabel('Country').fill('United Kingdom');
    await page.getByLabel('E-mail').fill(patient.email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Password again').fill(password);
    await screenshot(page, '01-patient-sign-up');
    await page.getByRole('button', { name: 'Sign up' }).click();

    patient.id = await visibleText(page.getByTestId('new-id'), 60_000);
    expect(patient.id).to.match(/^PAT\d+$/);
    await sees(page, 'Welcome to PatRec');
    await screenshot(page, '02-patient-new-id');
  });

  it('logs the patient in with the new ID', async () => {
    const page = patientPage;
    await page.getByRole('link', { name: 'Log in now' }).click();
    expect(await page.getByLabel('PatRec ID or e-mail').inputValue()).to.equal(patient.id);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/patient');
    await sees(page, `Hello, ${patient.firstName}`);
    await sees(page, patient.id);
  });

  it('lets the patient add a general-medicine record, with the BMI calculated while typing', async () => {
    const page = patientPage;
    await navigate(page, 'My records');
    await page.getByRole('link', { name: 'Add a record' }).click();
    const form = page.getByRole('form', { name: 'General medicine form' });
    await form.getByLabel('Female').check();
    await form.getByLabel('Age (years)').fill('41');
    await form.getByLabel('Weight (lbs)').fill('154');
    expect(await form.getByTestId('bmi').innerText()).to.equal('—');
    await form.getByLabel('Height (feet)').fill('5.75');
    // 703 × 154 lb / (69 in)² = 22.7, shown before anything is saved.
    expect(await visibleText(form.getByTestId('bmi'))).to.equal('22.7');
    await form.getByLabel('Blood group').selectOption('O+');
    await form.getByLabel('Blood pressure (mmHg)').fill('118/76');
    await form.getByLabel('No', { exact: true }).check();
    await form.getByLabel('Food allergies').fill('peanuts');
    await screenshot(page, '03-patient-general-medicine-form');
    await form.getByRole('button', { name: 'Save general medicine record' }).click();

    await page.waitForURL(/\/patient\/records\/PAT\d+REC\d+/, { timeout: 60_000 });
    recordId = /records\/(PAT\d+REC\d+)/.exec(page.url())?.[1] ?? '';
    expect(recordId.startsWith(patient.id)).to.equal(true);
    await sees(page, 'Saved. Its hash is on the ledger');
    const contents = page.getByRole('region', { name: 'Contents' });
    await sees(contents, '22.7');
    await sees(contents, '118/76 mmHg');
    await screenshot(page, '04-patient-record');
  });

  it('lets a doctor sign up and shows the authenticator secret once', async () => {
    const page = doctorPage;
    await page.goto('/signup/doctor');
    await page.getByLabel('First name').fill(doctor.firstName);
    await page.getByLabel('Last name').fill(doctor.lastName);
    await page.getByLabel('Specialty').fill('Cardiology');
    await page.getByLabel('Qualification').fill('MD, FRCP');
    await page.getByLabel('Hospital', { exact: true }).selectOption('hospitalb');
    await page.getByLabel('Branch').fill('Central');
    await page.getByLabel('Phone').fill('+44 20 7946 0000');
    await page.getByLabel('Clinic address').fill('1 Harley Street, London');
    await page.getByLabel('E-mail').fill(`grace.${tag}@example.org`);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Password again').fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();

    doctor.id = await visibleText(page.getByTestId('new-id'), 60_000);
    expect(doctor.id).to.match(/^DOC\d+$/);
    doctor.secret = await visibleText(page.getByTestId('totp-secret'));
    expect(doctor.secret).to.match(/^[A-Z2-7]{16,}$/);
    await sees(page, 'awaits verification by the admin of Hospital B');
    await screenshot(page, '05-doctor-new-id-and-secret');
  });

  it('logs the doctor in with a TOTP code and says the account awaits verification', async () => {
    const page = doctorPage;
    await logIn(page, doctor.id, password, doctor.secret);
    await page.waitForURL('**/doctor');
    await sees(page, `Dr ${doctor.firstName} ${doctor.lastName}`);
    await sees(page, 'Awaiting verification.');
    await screenshot(page, '06-doctor-awaiting-verification');
  });

  it("lets the demo admin of the doctor's hospital verify the doctor", async () => {
    const admin = staff('admin', 'hospitalb');
    const { page, close } = await open();
    await logIn(page, admin.id, admin.password, admin.totpSecret);
    await page.waitForURL('**/admin');
    const row = page.getByRole('row', { name: new RegExp(`${doctor.id}\\b`) });
    await loadUntilShown(page, row);
    await sees(row, doctor.lastName);
    await sees(row, 'unverified');
    await screenshot(page, '07-admin-doctors-awaiting');
    await row.getByRole('button', { name: `Verify ${doctor.id}` }).click();
    await sees(page, `(${doctor.id}) is now verified.`, 60_000);
    await close();
  });

  it('shows the doctor the verification without a reload', async () => {
    const page = doctorPage;
    await markDocument(page);
    await page.getByText('Awaiting verification.').waitFor({ state: 'hidden', timeout: 45_000 });
    expect(await stillSameDocument(page)).to.equal(true);
  });

  it('lets the doctor find the patient by ID and request access to the record', async () => {
    // The patient waits on the access page; it must update by itself.
    await navigate(patientPage, 'Access');
    await sees(patientPage, 'Who can see my records');
    await markDocument(patientPage);

    const page = doctorPage;
    await navigate(page, 'Find a patient');
    await page.getByLabel('Patient ID').fill(patient.id);
    await page.getByRole('button', { name: 'Find' }).click();
    const row = page.getByRole('row', { name: new RegExp(recordId) });
    await sees(row, 'General medicine', 60_000);
    // Before any grant the doctor knows the patient by ID only.
    const banner = page.getByRole('region', { name: 'Patient' });
    await sees(banner, `Name, birth date and sex are shown once ${patient.id} grants you access.`);
    expect(await banner.textContent()).not.to.include(patient.lastName);
    await row.getByRole('button', { name: `Request ${recordId}` }).click();

    const form = page.getByRole('form', { name: `Ask ${patient.id} for access` });
    expect(await form.getByLabel('Only some records').isChecked()).to.equal(true);
    expect(await form.getByRole('checkbox', { name: new RegExp(recordId) }).isChecked()).to.equal(
      true,
    );
    await form.getByLabel('Purpose').selectOption('second-opinion');
    await form.getByLabel('Duration (days)').fill('7');
    await form.getByRole('button', { name: 'Send request' }).click();
    await sees(form, `Request sent to ${patient.id}`, 60_000);
    await screenshot(page, '08-doctor-request-sent');
  });

  it('shows the patient the request as it arrives, without reloading, and lets them approve', async () => {
    const page = patientPage;
    const notices = page.getByRole('region', { name: 'New for you' });
    await sees(
      notices,
      `New access request from Dr ${doctor.firstName} ${doctor.lastName}`,
      45_000,
    );
    const card = page.getByRole('article', { name: `Request from ${doctor.id}` });
    await sees(card, `Record ${recordId}`);
    await sees(card, 'Second opinion');
    await sees(card, '7 days');
    await sees(card, 'Cardiology');
    await sees(card, 'the doctor also sees your name, date of birth and sex');
    expect(await stillSameDocument(page)).to.equal(true);
    await screenshot(page, '09-patient-request-arrived');

    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await sees(page, `Approved: ${doctor.id} may read record ${recordId}`, 60_000);
    const active = page.getByRole('article', { name: `Access of ${doctor.id}` });
    await sees(active, 'Active');
    consentId = (await active.locator('code[title^="CON"]').getAttribute('title')) ?? '';
    expect(consentId).to.match(/^CON[0-9a-f]{64}$/);
    await screenshot(page, '10-patient-access-granted');
  });

  it('lets the doctor read the granted record', async () => {
    const page = doctorPage;
    const row = page.getByRole('row', { name: new RegExp(recordId) });
    await row.getByRole('link', { name: `Read ${recordId}` }).click({ timeout: 45_000 });
    await page.waitForURL(`**/doctor/records/${recordId}`);
    const contents = page.getByRole('region', { name: 'Contents' });
    await sees(contents, '22.7', 60_000);
    await sees(contents, 'O+');
    await sees(contents, '118/76 mmHg');
    await sees(page, `under consent ${consentId.slice(0, 11)}`);
    const banner = page.getByRole('region', { name: 'Patient' });
    await sees(banner, `${patient.firstName} ${patient.lastName}`);
    await sees(banner, 'Born 12 March 1984');
    await sees(banner, 'Female');
    await sees(banner, patient.id);
    await screenshot(page, '11-doctor-reads-record');
  });

  it("shows the patient the doctor's read in the access history", async () => {
    const page = patientPage;
    await navigate(page, 'History');
    const timeline = page.getByRole('list', { name: 'Access timeline' });
    const read = timeline.getByRole('listitem').filter({ hasText: `read ${recordId}` });
    await sees(read, `Dr ${doctor.firstName} ${doctor.lastName}`, 45_000);
    await sees(read, `Under consent ${consentId.slice(0, 11)}`);
    await sees(read, 'Second opinion');
    await sees(timeline, 'looked up your list of records');
    await screenshot(page, '12-patient-access-history');
  });

  it('lets the patient revoke the grant', async () => {
    const page = patientPage;
    await navigate(page, 'Access');
    const active = page.getByRole('article', { name: `Access of ${doctor.id}` });
    await active.getByRole('button', { name: 'Revoke' }).click();
    await active.getByRole('button', { name: 'Yes, revoke' }).click();
    await sees(page, `Revoked: ${doctor.id} can no longer read`, 60_000);
    await sees(page, 'No doctor can read your records right now.');
    await screenshot(page, '13-patient-revoked');
  });

  it("refuses the doctor's next read and says it was revoked", async () => {
    const page = doctorPage;
    await page.getByRole('button', { name: 'Read again' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Access refused' });
    await sees(refusal, 'Access refused: the patient revoked your access.', 60_000);
    await sees(refusal, `${patient.id} revoked consent ${consentId.slice(0, 11)}`);
    expect(await page.getByRole('region', { name: 'Contents' }).count()).to.equal(0);
    const banner = page.getByRole('region', { name: 'Patient' });
    await sees(banner, `Name, birth date and sex are shown once ${patient.id} grants you access.`);
    await screenshot(page, '14-doctor-read-refused');
  });

  it('shows the patient the refused attempt in the access history', async () => {
    const page = patientPage;
    await navigate(page, 'History');
    const timeline = page.getByRole('list', { name: 'Access timeline' });
    const attempt = timeline.getByRole('listitem').filter({ hasText: `tried to read ${recordId}` });
    await sees(attempt, `Dr ${doctor.firstName} ${doctor.lastName}`, 45_000);
    await sees(attempt, 'Refused the patient had revoked the grant; nothing was shown');
    await screenshot(page, '14b-patient-refused-attempt');
  });

  it('lets the auditor find every step in the access log, the consent history and a CSV', async () => {
    const auditor = staff('auditor');
    const { page, close } = await open();
    await logIn(page, auditor.id, auditor.password, auditor.totpSecret);
    await page.waitForURL('**/auditor');
    await page.getByLabel('Patient ID').fill(patient.id);
    await page.getByRole('button', { name: 'Search' }).click();

    const table = page.getByRole('table', { name: 'Access log' });
    const doctorRead = table.getByRole('row').filter({ hasText: recordId }).filter({
      hasText: doctor.id,
    });
    await sees(doctorRead, consentId.slice(0, 11), 45_000);
    await sees(doctorRead, `Dr ${doctor.firstName} ${doctor.lastName}`);
    const lookUp = table.getByRole('row').filter({ hasText: 'Record list' }).filter({
      hasText: doctor.id,
    });
    await sees(lookUp, patient.id);
    await sees(table, 'owner');
    const refused = table.getByRole('row').filter({ hasText: 'Refused' }).filter({
      hasText: doctor.id,
    });
    await sees(refused, 'the patient had revoked the grant');
    await screenshot(page, '15-auditor-access-log');

    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile((await (await downloaded).path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[0]).to.match(/^accessedAt,kind,patientId,recordId/);
    expect(csv).to.include(`record,${patient.id},${recordId},1,${doctor.id}`);
    expect(csv).to.match(
      new RegExp(`record,${patient.id},${recordId},,${doctor.id},.*,minor-failure,REVOKED,`),
    );
    expect(csv).to.include(consentId);

    await doctorRead.getByRole('button', { name: `${consentId.slice(0, 11)}…` }).click();
    await page.waitForURL(`**/auditor/consents/${consentId}`);
    await sees(page, 'Revoked');
    const history = page.getByRole('table', { name: 'Consent history, newest first' });
    await sees(history, 'REVOKED');
    await sees(history, 'GRANTED');
    await sees(history, 'PENDING');
    await sees(page.getByRole('table', { name: 'Accesses under this consent' }), recordId);
    await screenshot(page, '16-auditor-consent');

    // A search that finds nothing, then "Clear filters": the whole log is shown again.
    const wholeLog = page.getByRole('table', { name: 'Access log' });
    await page.goto('/auditor');
    await wholeLog.waitFor({ state: 'visible', timeout: 45_000 });
    await page.getByLabel('Patient ID').fill('PAT999999999');
    await page.getByRole('button', { name: 'Search' }).click();
    await sees(page, 'Nothing matches these filters.', 45_000);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await wholeLog.waitFor({ state: 'visible', timeout: 45_000 });
    expect(await page.getByText('Nothing matches these filters.').count()).to.equal(0);
    expect(await page.getByLabel('Patient ID').inputValue()).to.equal('');
    await close();
  });

  it('fits a phone-sized screen: the patient’s, the doctor’s and the auditor’s pages', async () => {
    const page = patientPage;
    await page.setViewportSize({ width: 390, height: 844 });
    await navigate(page, 'Access');
    await sees(page, 'Who can see my records');
    expect(await outOfReach(page)).to.deep.equal({ sideways: false, clipped: [] });
    await screenshot(page, '17-patient-access-phone');

    // The doctor's Read and Request buttons, and the auditor's columns, stay on screen.
    await doctorPage.setViewportSize({ width: 390, height: 844 });
    await doctorPage.goto(`/doctor/patients?id=${patient.id}`);
    await sees(
      doctorPage.getByRole('row', { name: new RegExp(recordId) }),
      'General medicine',
      45_000,
    );
    expect(await outOfReach(doctorPage)).to.deep.equal({ sideways: false, clipped: [] });
    await screenshot(doctorPage, '18-doctor-patient-phone');
    const auditor = staff('auditor');
    const { page: auditorPage } = await open({ width: 390, height: 844 });
    await logIn(auditorPage, auditor.id, auditor.password, auditor.totpSecret);
    await auditorPage.waitForURL('**/auditor');
    await auditorPage.getByLabel('Patient ID').fill(patient.id);
    await auditorPage.getByRole('button', { name: 'Search' }).click();
    await sees(auditorPage.getByRole('table', { name: 'Access log' }), 'Refused', 45_000);
    expect(await outOfReach(auditorPage)).to.deep.equal({ sideways: false, clipped: [] });
    await screenshot(auditorPage, '19-auditor-log-phone');
  });
});

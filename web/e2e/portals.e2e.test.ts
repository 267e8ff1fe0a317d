import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signUpDoctor, signUpPatient, testPassword } from './support/accounts';
import { openBrowser, type PersonBrowser } from './support/browser';
import {
  loadUntilShown,
  logIn,
  markDocument,
  navigate,
  screenshot,
  sees,
  stillSameDocument,
  visibleText,
} from './support/page-helpers';
import { demoLogins, runTag, webUrl, type DemoLogin } from './support/people';

/**
 * The rest of the portals, in real browsers against the real system: log-in refusals in
 * words, records by form and upload (update, delete), approving with narrower terms, a
 * doctor writing under a read-write grant and being refused outside it, emergency access
 * (confirmed by the doctor, told to the patient at once, flagged in the history, its reason
 * shown to the patient), sharing without a request, the doctor's access log newest first,
 * and the auditor's record history, integrity sweep and consents of a patient.
 */
describe('PatRec portals (headless Chromium)', function () {
  this.bail(true);

  const tag = runTag();
  let logins: DemoLogin[];
  const browsers: PersonBrowser[] = [];
  let patientPage: Page;
  let doctorPage: Page;
  let patientId = '';
  let doctor = { id: '', secret: '' };
  let cardiacId = '';
  let documentId = '';
  const emergencyReason = 'Unconscious on arrival; allergy history needed now.';

  const staff = (role: DemoLogin['role'], hospital?: string) => {
    const login = logins.find((l) => l.role === role && (!hospital || l.hospital === hospital));
    if (!login) throw new Error(`no demo ${role}`);
    return login;
  };
  const open = async () => {
    const browser = await openBrowser(webUrl());
    browsers.push(browser);
    return browser;
  };

  before(async () => {
    logins = demoLogins();
    patientPage = (await open()).page;
    doctorPage = (await open()).page;
  });

  after(async () => {
    await Promise.allSettled(browsers.map((b) => b.close()));
  });

  it('says in words why a log-in is refused, and asks staff for their code', async () => {
    const page = patientPage;
    await logIn(page, `PAT9${tag}`, 'not the password');
    await sees(page.getByRole('alert'), 'Not logged in. Wrong ID, e-mail or password');
    expect(await page.getByLabel('PatRec ID or e-mail').inputValue()).to.equal(`PAT9${tag}`);

    const demoDoctor = staff('doctor');
    await logIn(page, demoDoctor.email, demoDoctor.password);
    await sees(page.getByRole('alert'), 'Enter the 6-digit code from your authenticator app');
    const code = page.getByLabel('Authenticator code');
    expect(await code.evaluate((input) => input === document.activeElement)).to.equal(true);
    expect(await page.getByLabel('Password').inputValue()).to.equal(demoDoctor.password);
    await screenshot(page, 'p01-login-needs-code');
  });

  it('signs up a patient and a doctor, and the admin verifies the doctor by ID', async () => {
    patientId = await signUpPatient(patientPage, {
      firstName: 'Marie',
      lastName: 'Curie',
      email: `marie.${tag}@example.org`,
    });
    doctor = await signUpDoctor(doctorPage, {
      firstName: 'Rosalind',
      lastName: 'Franklin',
      email: `rosalind.${tag}@example.org`,
      hospital: 'hospitala',
    });

    const admin = staff('admin', 'hospitala');
    const { page, close } = await open();
    await logIn(page, admin.id, admin.password, admin.totpSecret);
    await page.waitForURL('**/admin');
    await page.getByText('Verify or suspend by doctor ID').click();
    await page.getByLabel('Doctor ID').fill(doctor.id);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await sees(page, `${doctor.id} is now verified.`, 60_000);
    await page.getByRole('button', { name: 'Verified', exact: true }).click();
    const verifiedRow = page.getByRole('row', { name: new RegExp(`${doctor.id}\\b`) });
    await loadUntilShown(page, verifiedRow);
    await sees(verifiedRow, 'verified');
    await sees(page.getByRole('list', { name: 'Services' }), 'ledger: up');
    await screenshot(page, 'p02-admin-verified-list');
    await close();

    await logIn(patientPage, patientId, testPassword);
    await patientPage.waitForURL('**/patient');
    await logIn(doctorPage, doctor.id, testPassword, doctor.secret);
    await doctorPage.waitForURL('**/doctor');
    await sees(doctorPage, 'Dr Rosalind Franklin');
  });

  it('lets the patient add a cardiac record and upload a document, and update the record', async () => {
    const page = patientPage;
    await page.goto('/patient/records/new');
    await page.getByRole('radio', { name: 'Cardiac' }).check();
    const form = page.getByRole('form', { name: 'Cardiac form' });
    await form.getByLabel('Heart rate (bpm)').fill('72');
    await form.getByLabel('Blood pressure (mmHg)').fill('12080');
    await form.getByLabel('No', { exact: true }).check();
    await form.getByLabel('ECG findings').fill('Sinus rhythm');
    await form.getByRole('button', { name: 'Save cardiac record' }).click();
    // Checked in the browser first: the field says what is wrong and keeps what was typed.
    await sees(form.locator('.field-error'), 'Enter systolic/diastolic, e.g. 120/80');
    expect(await form.getByLabel('ECG findings').inputValue()).to.equal('Sinus rhythm');
    await form.getByLabel('Blood pressure (mmHg)').fill('120/80');
    await form.getByRole('button', { name: 'Save cardiac record' }).click();
    await page.waitForURL(/\/patient\/records\/PAT\d+REC\d+/, { timeout: 60_000 });
    cardiacId = /records\/(PAT\d+REC\d+)/.exec(page.url())?.[1] ?? '';

    await page.getByRole('button', { name: 'Update' }).click();
    const update = page.getByRole('form', { name: 'Cardiac form' });
    expect(await update.getByLabel('Heart rate (bpm)').inputValue()).to.equal('72');
    await update.getByLabel('Heart rate (bpm)').fill('80');
    await update.getByRole('button', { name: 'Save the new version' }).click();
    await sees(page, 'Saved as a new version.', 60_000);
    await sees(page.getByRole('region', { name: 'Contents' }), '80 bpm');

    await page.goto('/patient/records/new');
    await page.getByRole('radio', { name: 'Upload a file' }).check();
    const upload = page.getByRole('form', { name: 'Upload a document' });
    await upload.getByLabel('File').setInputFiles({
      name: 'allergy-letter.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Allergic to penicillin since 2004.\n'),
    });
    await upload.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/\/patient\/records\/PAT\d+REC\d+/, { timeout: 60_000 });
    documentId = /records\/(PAT\d+REC\d+)/.exec(page.url())?.[1] ?? '';
    expect(documentId).to.not.equal(cardiacId);
    await sees(page, 'Allergic to penicillin since 2004.');

    await navigate(page, 'My records');
    await sees(page.getByRole('region', { name: /Cardiac/ }), cardiacId);
    await sees(page.getByRole('region', { name: /Document/ }), documentId);
    await screenshot(page, 'p03-patient-records');
  });

  it('lets the patient approve a request with a narrower scope and a shorter time', async () => {
    await navigate(patientPage, 'Overview');
    await markDocument(patientPage);

    const page = doctorPage;
    await page.goto(`/doctor/patients?id=${patientId}`);
    await sees(page.getByRole('row', { name: new RegExp(documentId) }), 'Document', 60_000);
    await page.getByRole('button', { name: 'Request access…' }).click();
    const form = page.getByRole('form', { name: `Ask ${patientId} for access` });
    await form.getByLabel('Only some categories').check();
    await form.getByLabel('Cardiac').check();
    await form.getByLabel('Document').check();
    await form.getByLabel('Read and add/update records').check();
    await form.getByLabel('Purpose').selectOption('treatment');
    await form.getByRole('button', { name: 'Send request' }).click();
    await sees(form, `Request sent to ${patientId} for their cardiac, document records`, 60_000);

    // The patient's overview shows the request as it arrives.
    const card = patientPage.getByRole('article', { name: `Request from ${doctor.id}` });
    await sees(card, 'Cardiac, Document', 45_000);
    await sees(card, 'Read and add/update');
    expect(await stillSameDocument(patientPage)).to.equal(true);
    await card.getByRole('button', { name: 'Approve with changes…' }).click();
    await card.getByLabel('Document').uncheck();
    await card.getByLabel('For how many days').fill('3');
    await screenshot(patientPage, 'p04-patient-narrowing');
    await card.getByRole('button', { name: 'Approve these terms' }).click();
    await sees(
      patientPage,
      `Approved: ${doctor.id} may read and update your cardiac records until`,
      60_000,
    );

    await navigate(page, 'Overview');
    const grant = page.getByRole('article', { name: `Grant from ${patientId}` });
    await sees(grant, 'Cardiac', 45_000);
    await sees(grant, '3 days');
    await screenshot(page, 'p05-doctor-overview');
  });

  it('lets the doctor add a record under the read-write grant, and refuses one outside it', async () => {
    const page = doctorPage;
    await page.goto(`/doctor/records/new?patientId=${patientId}`);
    await page.getByRole('radio', { name: 'Dermatology' }).check();
    const derm = page.getByRole('form', { name: 'Dermatology form' });
    await derm.getByLabel('Condition').fill('Eczema');
    await derm.getByLabel('Affected area').fill('Left forearm');
    await derm.getByLabel('Moderate').check();
    await derm.getByRole('button', { name: 'Save dermatology record' }).click();
    await sees(derm.getByRole('alert'), 'Access refused: no consent', 60_000);
    expect(await derm.getByLabel('Condition').inputValue()).to.equal('Eczema');

    await page.getByRole('radio', { name: 'Cardiac' }).check();
    const cardiac = page.getByRole('form', { name: 'Cardiac form' });
    await cardiac.getByLabel('Heart rate (bpm)').fill('64');
    await cardiac.getByLabel('Blood pressure (mmHg)').fill('115/75');
    await cardiac.getByLabel('Yes', { exact: true }).check();
    await cardiac.getByLabel('ECG findings').fill('Occasional ectopic beats');
    await cardiac.getByRole('button', { name: 'Save cardiac record' }).click();
    await sees(
      page,
      new RegExp(`Saved ${patientId}REC\\d+ \\(Cardiac\\) for ${patientId}`),
      60_000,
    );
    await screenshot(page, 'p06-doctor-adds-record');

    // Under the grant the cardiac record shows its title in the look-up, the document none;
    // and the doctor opens its earlier version.
    await page.goto(`/doctor/patients?id=${patientId}`);
    const cardiacRow = page.getByRole('row', { name: new RegExp(cardiacId) });
    await sees(cardiacRow, 'Cardiac: ECG Sinus rhythm', 60_000);
    await sees(page.getByRole('row', { name: new RegExp(documentId) }), 'With consent');
    await page.goto(`/doctor/records/${cardiacId}`);
    await sees(page.getByRole('region', { name: 'Contents' }), '80 bpm', 60_000);
    await page.getByRole('button', { name: 'Open version 1' }).click();
    const earlier = page.getByRole('region', { name: `Version 1 of ${cardiacId}` });
    await sees(earlier, '72 bpm', 60_000);
    await screenshot(page, 'p06b-doctor-earlier-version');
  });

  it("tells the patient and the doctor's hospital admin at once about an emergency access, and flags it in the history", async () => {
    const page = doctorPage;
    const admin = staff('admin', 'hospitala');
    const { page: adminPage, close: closeAdmin } = await open();
    await logIn(adminPage, admin.id, admin.password, admin.totpSecret);
    await adminPage.waitForURL('**/admin');
    await page.goto(`/doctor/emergency?patientId=${patientId}`);
    await page.getByLabel('Reason').fill('Short');
    await page.getByRole('button', { name: 'Declare emergency and get access' }).click();
    await sees(page, 'at least 10 characters: say what the emergency is');
    await page.getByLabel('Reason').fill(emergencyReason);
    await page.getByRole('button', { name: 'Declare emergency and get access' }).click();
    // Nothing is declared before the doctor confirms what emergency access means.
    await sees(page, `You are declaring an emergency for ${patientId}`);
    await sees(page, emergencyReason);
    await page.getByRole('button', { name: 'Yes, declare the emergency' }).click();
    await sees(page, 'Emergency access granted', 60_000);
    await screenshot(page, 'p07-doctor-emergency');

    const urgent = patientPage.getByRole('alert').filter({ hasText: 'Emergency access' });
    await sees(urgent, 'Dr Rosalind Franklin', 45_000);
    const toAdmin = adminPage.getByRole('alert').filter({ hasText: 'Emergency access' });
    await sees(toAdmin, `can read ${patientId}`, 45_000);
    await sees(toAdmin, 'Dr Rosalind Franklin');
    await screenshot(adminPage, 'p07b-admin-emergency-notice');
    await closeAdmin();

    await page.goto(`/doctor/records/${documentId}`);
    await sees(page, 'Allergic to penicillin since 2004.', 60_000);
    await sees(page, 'Emergency access');

    await navigate(patientPage, 'History');
    const read = patientPage
      .getByRole('listitem')
      .filter({ hasText: `read ${documentId}` })
      .last();
    await sees(read, 'Emergency access', 45_000);
    await sees(read, 'Dr Rosalind Franklin');
    await screenshot(patientPage, 'p08-patient-history-emergency');
  });

  it('lets the patient delete a record and share with a doctor from the profile', async () => {
    const page = patientPage;
    await page.goto(`/patient/records/${documentId}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL('**/patient/records', { timeout: 60_000 });
    await sees(page, cardiacId);
    expect(await page.getByText(documentId).count()).to.equal(0);

    const demoDoctor = staff('doctor');
    await navigate(page, 'Profile');
    await sees(page, patientId);
    await sees(page, 'Account created');
    const share = page.getByRole('form', { name: 'Share with a doctor' });
    await share.getByLabel('Doctor ID').fill(demoDoctor.id);
    await share.getByLabel('For how many days').fill('30');
    await share.getByRole('button', { name: 'Share' }).click();
    await sees(share, `Shared all records with ${demoDoctor.id} until`, 60_000);
    await screenshot(page, 'p09-patient-profile-shared');

    await navigate(page, 'Access');
    const shared = page.getByRole('article', { name: `Access of ${demoDoctor.id}` });
    await sees(shared, 'Shared by patient');
    const emergency = page
      .getByRole('article', { name: `Access of ${doctor.id}` })
      .filter({ hasText: 'Emergency' })
      .first();
    await sees(emergency, 'Emergency');
    await emergency.getByRole('button', { name: "Show the doctor's reason" }).click();
    await sees(emergency, emergencyReason, 30_000);
    await sees(emergency, 'matches the hash on the ledger');
    await screenshot(page, 'p09b-patient-emergency-reason');
  });

  it("shows the doctor's own access log", async () => {
    const page = doctorPage;
    await navigate(page, 'My access log');
    const table = page.getByRole('table', { name: 'My accesses' });
    await sees(table.getByRole('row').filter({ hasText: documentId }), 'Emergency', 45_000);
    await sees(table, 'Record list');
    // Newest first, as the ledger lists the log.
    const times = await table
      .locator('time')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('datetime') ?? ''));
    expect(times.length).to.be.above(1);
    expect(times).to.deep.equal([...times].sort().reverse());
  });

  it("gives the auditor a record's versions and an integrity sweep", async () => {
    const auditor = staff('auditor');
    const { page, close } = await open();
    await logIn(page, auditor.id, auditor.password, auditor.totpSecret);
    await page.waitForURL('**/auditor');
    await navigate(page, 'Record history');
    await page.getByLabel('Record ID').fill(cardiacId);
    await page.getByRole('button', { name: 'Show' }).click();
    const versions = page.getByRole('table', {
      name: `Every version of ${cardiacId}, newest first`,
    });
    await sees(versions, 'Version 2', 45_000);
    await sees(versions, 'Version 1');
    await screenshot(page, 'p10-auditor-record-history');

    await navigate(page, 'Integrity');
    await page.getByRole('button', { name: 'Run an integrity sweep' }).click();
    const done = await visibleText(page.getByText(/Sweep done:/), 120_000);
    expect(done).to.match(/Sweep done: (all \d+ records match|\d+ of \d+ records failed)/);
    await screenshot(page, 'p11-auditor-integrity');

    // The consents of one patient, listed without typing a 64-character ID.
    await navigate(page, 'Consents');
    const search = page.getByRole('search', { name: 'Find consents' });
    await search.getByLabel('Patient ID').fill(patientId);
    await search.getByRole('button', { name: 'Find consents' }).click();
    const found = page.getByRole('region', { name: `Consents of ${patientId}` });
    const emergency = found.getByRole('row').filter({ hasText: 'Emergency' });
    await sees(emergency, doctor.id, 45_000);
    await screenshot(page, 'p12-auditor-consents');
    await emergency.getByRole('link').click();
    await page.waitForURL('**/auditor/consents/*');
    await page.getByRole('button', { name: "Show the doctor's reason" }).click();
    await sees(page, emergencyReason);
    await close();
  });
});

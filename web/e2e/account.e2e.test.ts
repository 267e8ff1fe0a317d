import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signUpDoctor, signUpPatient, testPassword } from './support/accounts';
import { openBrowser, type PersonBrowser } from './support/browser';
import { logIn, navigate, screenshot, sees, visibleText } from './support/page-helpers';
import { runTag, webUrl } from './support/people';

const newPassword = 'a brand new passphrase';
const resetPassword = 'reset with a recovery code';

/** The codes a page shows once, in the order shown. */
async function recoveryCodesOn(page: Page): Promise<string[]> {
  const list = page.getByTestId('recovery-codes');
  await list.waitFor();
  return list.locator('code').allInnerTexts();
}

/** True once the image has been drawn (a QR code that failed to render has no width). */
const drawn = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0);

/**
 * One's own account as people use it (issue 13, item 8): recovery codes at sign-up, editing
 * one's details, changing the password, a forgotten password reset with a recovery code, a
 * new set of codes, the authenticator secret as a QR code, a doctor's public profile, and the
 * favicon.
 */
describe('one’s own account (headless Chromium)', function () {
  this.bail(true);

  const tag = runTag();
  let browser: PersonBrowser;
  let page: Page;
  let patientId = '';
  let codes: string[] = [];

  before(async () => {
    browser = await openBrowser(webUrl());
    page = browser.page;
  });

  after(async () => {
    await browser.close();
  });

  it('gives a new patient eight recovery codes with their ID, shown once', async () => {
    patientId = await signUpPatient(page, {
      firstName: 'Ines',
      lastName: `Account${tag}`,
      email: `account.${tag}@example.org`,
    });
    codes = await recoveryCodesOn(page);
    expect(codes).to.have.length(8);
    expect(new Set(codes).size).to.equal(8);
    for (const code of codes) expect(code).to.match(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await screenshot(page, 'a01-sign-up-recovery-codes');
  });

  it('keeps the patient’s edited contact details, and refuses a bad phone by its label', async () => {
    await logIn(page, patientId, testPassword);
    await page.waitForURL('**/patient');
    await navigate(page, 'Profile');
    await page.getByRole('button', { name: 'Edit my details' }).click();
    const form = page.getByRole('form', { name: 'Edit my details' });
    await form.getByLabel('City').fill('Lyon');
    await form.getByLabel('Phone (optional)').fill('call me');
    await form.getByRole('button', { name: 'Save my details' }).click();
    const summary = await visibleText(form.locator('.error-summary'));
    expect(summary).to.contain('Not saved. Please check:');
    expect(summary).to.match(/Phone: .*phone number/);
    expect(summary).to.not.match(/body\.|phone:/);

    await form.getByLabel('Phone (optional)').fill('+33 4 72 00 00 00');
    await form.getByRole('button', { name: 'Save my details' }).click();
    await sees(page, 'Your details are saved.');
    const facts = page.locator('.facts').first();
    await sees(facts, 'Lyon');
    await sees(facts, '+33 4 72 00 00 00');
    // Name and birth date are not on the form; they stay as given.
    await sees(facts, `Account${tag}`);
  });

  it('changes the password only with the current one; the new one logs in', async () => {
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: 'Password' }),
    });
    await section.getByLabel('Current password').fill('not my password at all');
    await section.getByLabel('New password', { exact: true }).fill(newPassword);
    await section.getByLabel('New password again').fill(newPassword);
    await section.getByRole('button', { name: 'Change password' }).click();
    const summary = await visibleText(section.locator('.error-summary'));
    expect(summary, summary).to.match(/Current password: that is not your current password/i);

    await section.getByLabel('Current password').fill(testPassword);
    await section.getByRole('button', { name: 'Change password' }).click();
    await sees(section, 'Password changed.');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login**');
    await logIn(page, patientId, testPassword);
    await sees(page, /wrong ID, e-mail or password/i);
    await logIn(page, patientId, newPassword);
    await page.waitForURL('**/patient');
  });

  it('resets a forgotten password with a recovery code, which then is spent', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login**');
    await page.getByLabel('PatRec ID or e-mail').fill(patientId);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/login/reset**');
    expect(await page.getByLabel('PatRec ID or e-mail').inputValue()).to.equal(patientId);
    // Typed as people do: lower case, spaces for dashes.
    await page.getByLabel('Recovery code').fill(codes[0]!.toLowerCase().replaceAll('-', ' '));
    await page.getByLabel('New password', { exact: true }).fill(resetPassword);
    await page.getByLabel('New password again').fill(resetPassword);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await sees(page, 'Your password is changed, and you are logged out everywhere.');
    await sees(page, 'You have 7 unused recovery codes left');
    await screenshot(page, 'a02-password-reset');

    await page.goto(`/login/reset?login=${patientId}`);
    await page.getByLabel('Recovery code').fill(codes[0]!);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await sees(page, /recovery code do not match: check both, and use a code not used before/);

    await page.getByRole('link', { name: 'Log in' }).click();
    await logIn(page, patientId, resetPassword);
    await page.waitForURL('**/patient');
  });

  it('makes a new set of recovery codes for the password, and shows the authenticator secret as a QR code', async () => {
    await navigate(page, 'Profile');
    await sees(page.getByTestId('recovery-codes-left'), 'You have 7 unused recovery codes.');
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: 'Recovery codes' }),
    });
    await section.getByLabel('Your password').fill(resetPassword);
    await section.getByRole('button', { name: 'Make a new set of recovery codes' }).click();
    const fresh = await recoveryCodesOn(page);
    expect(fresh).to.have.length(8);
    expect(fresh).to.not.include.members([codes[1]!]);
    await sees(page.getByTestId('recovery-codes-left'), 'You have 8 unused recovery codes.');

    const twoStep = page.locator('section', {
      has: page.getByRole('heading', { name: 'Two-step log-in' }),
    });
    await twoStep.getByLabel('Your password').fill('not my password');
    await twoStep.getByRole('button', { name: 'Turn on two-step log-in' }).click();
    await sees(twoStep, /That is not your current password/i);
    await twoStep.getByLabel('Your password').fill(resetPassword);
    await twoStep.getByRole('button', { name: 'Turn on two-step log-in' }).click();
    await page.getByTestId('totp-qr').waitFor();
    expect(await drawn(page, 'totp-qr'), 'the QR code is drawn').to.equal(true);
    expect(await visibleText(page.getByTestId('totp-secret'))).to.match(/^[A-Z2-7]{16,}$/);
  });

  it('lets a doctor scan the secret at sign-up and keep their consulting hours up to date', async () => {
    const doctorBrowser = await openBrowser(webUrl());
    try {
      const doctorPage = doctorBrowser.page;
      const doctor = await signUpDoctor(doctorPage, {
        firstName: 'Theo',
        lastName: `Account${tag}`,
        email: `account.doctor.${tag}@example.org`,
        hospital: 'hospitala',
      });
      expect(await drawn(doctorPage, 'totp-qr'), 'the QR code is drawn').to.equal(true);
      expect(await recoveryCodesOn(doctorPage)).to.have.length(8);

      await logIn(doctorPage, doctor.id, testPassword, doctor.secret);
      await doctorPage.waitForURL('**/doctor');
      await navigate(doctorPage, 'My account');
      await doctorPage.getByRole('button', { name: 'Edit my details' }).click();
      const form = doctorPage.getByRole('form', { name: 'Edit my details' });
      await form.getByLabel('Specialty').fill('Paediatric dermatology');
      await form.getByLabel('Saturday', { exact: true }).check();
      await form.getByLabel('Saturday from').fill('10:00');
      await form.getByLabel('Saturday to').fill('09:00');
      await form.getByRole('button', { name: 'Save my details' }).click();
      const summary = await visibleText(form.locator('.error-summary'));
      expect(summary).to.contain('Consulting hours, Saturday');

      await form.getByLabel('Saturday to').fill('13:00');
      await form.getByRole('button', { name: 'Save my details' }).click();
      await sees(doctorPage, 'Your details are saved.');
      const facts = doctorPage.locator('.facts').first();
      await sees(facts, 'Paediatric dermatology');
      await sees(facts, 'sat 10:00–13:00');
      await screenshot(doctorPage, 'a03-doctor-account');
    } finally {
      await doctorBrowser.close();
    }
  });

  it('answers /favicon.ico with an icon', async () => {
    const answer = await page.request.get('/favicon.ico');
    expect(answer.status()).to.equal(200);
    expect(answer.headers()['content-type']).to.match(/image\//);
  });
});

import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { signUpPatient, testPassword } from './support/accounts';
import { openBrowser, type PersonBrowser } from './support/browser';
import { logIn, screenshot, sees } from './support/page-helpers';
import { demoLogins, runTag, webUrl } from './support/people';

/**
 * The consent flow with the keyboard alone (issue 13, item 10): a doctor finds a patient and
 * asks for access, the patient approves and later revokes, with Tab, Shift+Tab, Enter,
 * Space and the arrow keys only. Every control reached shows where the focus is. Signing up
 * and logging in are set-up here, done as the other tests do them.
 */
describe('the consent flow by keyboard alone (headless Chromium)', function () {
  this.bail(true);

  const tag = runTag();
  const browsers: PersonBrowser[] = [];
  let doctorPage: Page;
  let patientPage: Page;
  let patientId = '';
  let doctorId = '';

  before(async () => {
    const doctor = demoLogins().find((login) => login.role === 'doctor');
    if (!doctor?.totpSecret) throw new Error('no demo doctor with an authenticator secret');
    doctorId = doctor.id;
    for (let n = 0; n < 2; n += 1) browsers.push(await openBrowser(webUrl()));
    [patientPage, doctorPage] = browsers.map((browser) => browser.page) as [Page, Page];
    patientId = await signUpPatient(patientPage, {
      firstName: 'Kim',
      lastName: `Keys${tag}`,
      email: `keys.${tag}@example.org`,
    });
    await logIn(patientPage, patientId, testPassword);
    await patientPage.waitForURL('**/patient');
    const secret = doctor.totpSecret;
    await logIn(doctorPage, doctor.id, doctor.password, secret);
    await doctorPage.waitForURL('**/doctor');
  });

  after(async () => {
    await Promise.allSettled(browsers.map((browser) => browser.close()));
  });

  /**
   * Presses Tab until `target` has the focus, as a keyboard user moves through a page, and
   * checks that the focus can be seen there. Fails when the target is never reached.
   */
  async function tabTo(page: Page, target: Locator, most = 80) {
    for (let presses = 0; presses < most; presses += 1) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((element) => element === document.activeElement)) {
        const shown = await target.evaluate((element) => {
          const style = getComputedStyle(element);
          return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
        });
        expect(shown, `the focus on ${await target.textContent()} can be seen`).to.equal(true);
        return;
      }
    }
    expect.fail(`Tab never reached ${target.toString()} within ${most} presses`);
  }

  it('lets the doctor find the patient and send a request', async () => {
    const page = doctorPage;
    await tabTo(page, page.getByRole('navigation').getByRole('link', { name: 'Find a patient' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/doctor/patients');
    await tabTo(page, page.getByLabel('Patient ID'));
    await page.keyboard.type(patientId);
    await page.keyboard.press('Enter');
    const banner = page.getByRole('region', { name: 'Patient' });
    await sees(banner, `Name, birth date and sex are shown once ${patientId} grants you access.`);

    await tabTo(page, page.getByRole('button', { name: 'Request access…' }));
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: `Ask ${patientId} for access` });
    await tabTo(page, form.getByLabel('All records'));
    await page.keyboard.press('Space');
    expect(await form.getByLabel('All records').isChecked()).to.equal(true);
    await tabTo(page, form.getByLabel('Purpose'));
    // A closed select takes the arrow keys: the first purpose after "Choose…".
    await page.keyboard.press('ArrowDown');
    expect(await form.getByLabel('Purpose').inputValue()).to.not.equal('');
    await tabTo(page, form.getByRole('button', { name: 'Send request' }));
    await page.keyboard.press('Enter');
    await sees(form, `Request sent to ${patientId}`, 60_000);
  });

  it('lets the patient approve the request as it arrives', async () => {
    const page = patientPage;
    const card = page.getByRole('article', { name: `Request from ${doctorId}` });
    await card.waitFor({ timeout: 45_000 });
    await tabTo(page, card.getByRole('button', { name: 'Approve', exact: true }));
    await page.keyboard.press('Enter');
    await sees(page, `Approved: ${doctorId} may read`, 60_000);
    await screenshot(page, 'k01-patient-approved-by-keyboard');
  });

  it('lets the patient revoke it, confirming with the keyboard', async () => {
    const page = patientPage;
    await tabTo(page, page.getByRole('navigation').getByRole('link', { name: 'Access' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/patient/access');
    const active = page.getByRole('article', { name: `Access of ${doctorId}` });
    await tabTo(page, active.getByRole('button', { name: 'Revoke' }));
    await page.keyboard.press('Enter');
    // The confirmation takes the focus or is the next stop.
    const confirm = active.getByRole('button', { name: 'Yes, revoke' });
    if (!(await confirm.evaluate((element) => element === document.activeElement))) {
      await tabTo(page, confirm, 5);
    }
    await page.keyboard.press('Enter');
    await sees(page, `Revoked: ${doctorId} can no longer read`, 60_000);
  });
});

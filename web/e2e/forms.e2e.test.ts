import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { testPassword } from './support/accounts';
import { openBrowser, type PersonBrowser } from './support/browser';
import { logIn, navigate, screenshot, sees, visibleText } from './support/page-helpers';
import { runTag, webUrl } from './support/people';

/**
 * Forms as a first-time user meets them (issue 13, items 4 and 6): what is wrong is said
 * above the fields, by each field's label, in words that say how to fix it, and the cursor
 * can go straight to the field; implausible values are refused and give no BMI; weight and
 * height in the units the person chose, kept with the record; optional fields and an
 * unknown blood group; the overview's count after a deletion; records listed by their titles
 * (issue 13, item 5), and an earlier version opened.
 */
describe('forms in people’s words (headless Chromium)', function () {
  this.bail(true);

  const tag = runTag();
  let browser: PersonBrowser;
  let page: Page;
  let patientId = '';
  let recordId = '';

  before(async () => {
    browser = await openBrowser(webUrl());
    page = browser.page;
  });

  after(async () => {
    await browser.close();
  });

  /** The words on the page that only a programmer would write. */
  const internals = /\b(body|query|params)\.|dateOfBirth|firstName|weightLbs|heightFeet/;

  /** The summary of what is wrong: the form's first child, before every field. */
  async function summaryOf(form: Locator) {
    const summary = form.locator('.error-summary');
    const text = await visibleText(summary);
    const [summaryBox, firstField] = await Promise.all([
      summary.boundingBox(),
      form.locator('input, select, textarea').first().boundingBox(),
    ]);
    expect(summaryBox!.y, 'the summary stands above the fields').to.be.below(firstField!.y);
    expect(
      await summary.evaluate((element) => element === document.activeElement),
      'the summary takes the focus',
    ).to.equal(true);
    expect(text).to.not.match(internals);
    return { summary, text };
  }

  it('says above the sign-up form which fields are wrong, by their labels, and changes nothing', async () => {
    await page.goto('/signup/patient');
    const form = page.locator('form');
    // First name left empty; a birth date nobody alive has.
    await page.getByLabel('Last name').fill(`Forms${tag}`);
    await page.getByLabel('Date of birth').fill('1800-01-01');
    await page.getByLabel('Street address').fill('12 Calle Mayor');
    await page.getByLabel('City').fill('Madrid');
    await page.getByLabel('State or region').fill('Madrid');
    await page.getByLabel('Country').fill('Spain');
    await page.getByLabel('E-mail').fill(`forms.${tag}@example.org`);
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByLabel('Password again').fill(testPassword);
    await page.getByRole('button', { name: 'Sign up' }).click();

    const { summary, text } = await summaryOf(form);
    expect(text).to.contain('Not signed up. Please check:');
    expect(text).to.contain('First name: fill this in.');
    expect(text).to.match(/Date of birth: enter a date from 1900-01-01 up to today\./);
    await screenshot(page, 'f01-sign-up-summary');
    // The summary's link takes the cursor to the field.
    await summary.getByRole('link', { name: 'Date of birth' }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).to.equal(
      'dateOfBirth',
    );
    expect(await page.getByTestId('new-id').count(), 'no account was made').to.equal(0);

    await page.getByLabel('First name').fill('Lucía');
    await page.getByLabel('Date of birth').fill('1985-03-09');
    await page.getByRole('button', { name: 'Sign up' }).click();
    patientId = await visibleText(page.getByTestId('new-id'), 60_000);
    expect(patientId).to.match(/^PAT\d+$/);
  });

  it('gives no BMI for impossible measurements, and names every missing field above the form', async () => {
    await logIn(page, patientId, testPassword);
    await page.waitForURL('**/patient');
    await page.goto('/patient/records/new');
    const form = page.getByRole('form', { name: 'General medicine form' });
    await form.getByLabel('Weight (lbs)').fill('154');
    await form.getByLabel('Height (feet)').fill('99');
    await sees(form, 'shown once weight and height are within their limits');
    expect(await form.getByTestId('bmi').innerText()).to.equal('—');
    await form.getByLabel('Height (feet)').fill('5.75');
    expect(await visibleText(form.getByTestId('bmi'))).to.equal('22.7');
    await form.getByLabel('Weight (lbs)').fill('5000');
    expect(await form.getByTestId('bmi').innerText()).to.equal('—');

    await form.getByRole('button', { name: 'Save general medicine record' }).click();
    const { text } = await summaryOf(form);
    expect(text).to.contain('Not saved. Please check:');
    for (const line of [
      'Gender: choose one of the options.',
      'Weight: enter a number from 1 to 1500.',
      'Blood group: choose one of the options.',
      'Diabetes: choose one of the options.',
    ]) {
      expect(text).to.contain(line);
    }
    // Fields people often leave blank are not asked for.
    expect(text).to.not.match(/Food allergies|Notes/);
    // And under the field itself.
    await sees(form.locator('.field-error'), 'Enter a number from 1 to 1500.');
    expect(page.url()).to.match(/\/patient\/records\/new$/);
  });

  it('takes weight and height in kilograms and centimetres, keeps them so, and remembers the choice', async () => {
    const form = page.getByRole('form', { name: 'General medicine form' });
    await form.getByLabel('Kilograms and centimetres').check();
    expect(await form.getByLabel('Weight (lbs)').count()).to.equal(0);
    await form.getByLabel('Weight (kg)').fill('70');
    await form.getByLabel('Height (cm)').fill('175');
    // Correcting fields leaves the cursor where it is; the summary takes it only on a save.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).to.equal(
      'heightCm',
    );
    // 70 kg / (1.75 m)² = 22.9.
    expect(await visibleText(form.getByTestId('bmi'))).to.equal('22.9');
    await form.getByLabel('Female').check();
    await form.getByLabel('Age (years)').fill('41');
    await form.getByLabel('Blood group').selectOption('unknown');
    await form.getByLabel('Blood pressure (mmHg)').fill('121/79');
    await form.getByLabel('No', { exact: true }).check();
    await screenshot(page, 'f02-general-medicine-metric');
    await form.getByRole('button', { name: 'Save general medicine record' }).click();
    await page.waitForURL(/\/patient\/records\/PAT\d+REC\d+/, { timeout: 60_000 });
    recordId = /records\/(PAT\d+REC\d+)/.exec(page.url())?.[1] ?? '';

    const contents = page.getByRole('region', { name: 'Contents' });
    await sees(contents, '70 kg (154.3 lbs)');
    await sees(contents, '175 cm (5 ft 9 in)');
    await sees(contents, '22.9');
    await sees(contents, 'Unknown');

    await page.goto('/patient/records/new');
    const next = page.getByRole('form', { name: 'General medicine form' });
    await next.getByLabel('Weight (kg)').waitFor();
    expect(await next.getByLabel('Kilograms and centimetres').isChecked()).to.equal(true);
  });

  it('counts the records on the overview again once one is deleted', async () => {
    await page.goto('/patient');
    const count = page.getByRole('link', { name: /records$/ }).locator('.stat-value');
    await sees(count, /^1$/);
    await page.goto(`/patient/records/${recordId}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL('**/patient/records', { timeout: 60_000 });
    await navigate(page, 'Overview');
    await sees(count, /^0$/);
    await page.reload();
    await sees(count, /^0$/);
  });
  it('lists two documents by their titles, entered and made from the file name, and opens an earlier version', async () => {
    const upload = async (fileName: string, text: string, title?: string) => {
      await page.goto('/patient/records/new');
      await page.getByRole('radio', { name: 'Upload a file' }).check();
      const form = page.getByRole('form', { name: 'Upload a document' });
      await form.getByLabel('File').setInputFiles({
        name: fileName,
        mimeType: 'text/plain',
        buffer: Buffer.from(text),
      });
      if (title !== undefined) await form.getByLabel('Title').fill(title);
      await form.getByRole('button', { name: 'Upload' }).click();
      await page.waitForURL(/\/patient\/records\/PAT\d+REC\d+/, { timeout: 60_000 });
      return /records\/(PAT\d+REC\d+)/.exec(page.url())?.[1] ?? '';
    };

    // A title too long is refused in the browser, in words, and nothing is saved.
    await page.goto('/patient/records/new');
    await page.getByRole('radio', { name: 'Upload a file' }).check();
    const refused = page.getByRole('form', { name: 'Upload a document' });
    await refused.getByLabel('File').setInputFiles({
      name: 'x.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('x'),
    });
    await refused.getByLabel('Title').evaluate((input) => input.removeAttribute('maxlength'));
    await refused.getByLabel('Title').fill('x'.repeat(121));
    await refused.getByRole('button', { name: 'Upload' }).click();
    await sees(refused.locator('.field-error'), 'Use at most 120 characters, on one line.');
    expect(page.url()).to.match(/\/patient\/records\/new$/);

    const letter = await upload(
      'scan-0041.txt',
      'Discharged home on day three.',
      'Discharge letter',
    );
    await sees(page.locator('.record-meta'), 'Discharge letter');
    // A new version: another file, the title kept.
    await page.getByRole('button', { name: 'Update' }).click();
    const replace = page.getByRole('form', { name: 'Upload a document' });
    expect(await replace.getByLabel('Title').inputValue()).to.equal('Discharge letter');
    await replace.getByLabel('File').setInputFiles({
      name: 'scan-0042.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Discharged home on day four, after review.'),
    });
    await replace.getByRole('button', { name: 'Replace the file' }).click();
    await sees(page, 'Saved as a new version.', 60_000);
    await sees(page.getByRole('region', { name: 'Contents' }), 'day four');
    const knee = await upload('mri-knee.txt', 'No meniscal tear.');
    await sees(page.locator('.record-meta'), 'mri-knee.txt');

    await navigate(page, 'My records');
    const documents = page.getByRole('region', { name: /Document/ });
    await sees(documents.getByRole('link', { name: new RegExp(letter) }), 'Discharge letter');
    await sees(documents.getByRole('link', { name: new RegExp(knee) }), 'mri-knee.txt');
    await screenshot(page, 'f03-records-by-title');

    // The earlier version opens with its own contents, checked against its own hash.
    await documents.getByRole('link', { name: new RegExp(letter) }).click();
    await sees(page.getByRole('region', { name: 'Contents' }), 'day four');
    await page.getByText('Versions on the ledger').click();
    await page.getByRole('button', { name: 'Open version 1' }).click();
    const earlier = page.getByRole('region', { name: `Version 1 of ${letter}` });
    await sees(earlier, 'Discharged home on day three.', 60_000);
    await sees(earlier, 'checked against the hash the ledger holds for version 1');
    expect(await visibleText(earlier)).to.not.contain('day four');
    await screenshot(page, 'f04-earlier-version');
  });
});

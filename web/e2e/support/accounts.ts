import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { visibleText } from './page-helpers';

export const testPassword = 'correct horse battery staple';

/** Signs a patient up through the form; returns the new patient ID the page shows. */
export async function signUpPatient(
  page: Page,
  person: { firstName: string; lastName: string; email: string },
): Promise<string> {
  await page.goto('/signup/patient');
  await page.getByLabel('First name').fill(person.firstName);
  await page.getByLabel('Last name').fill(person.lastName);
  await page.getByLabel('Date of birth').fill('1990-07-01');
  await page.getByLabel('Street address').fill('4 Rue de Rivoli');
  await page.getByLabel('City').fill('Paris');
  await page.getByLabel('State or region').fill('Île-de-France');
  await page.getByLabel('Country').fill('France');
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(testPassword);
  await page.getByLabel('Password again').fill(testPassword);
  await page.getByRole('button', { name: 'Sign up' }).click();
  const id = await visibleText(page.getByTestId('new-id'), 60_000);
  expect(id).to.match(/^PAT\d+$/);
  return id;
}

/** Signs a doctor up; returns the new ID and the authenticator secret the page shows once. */
export async function signUpDoctor(
  page: Page,
  person: { firstName: string; lastName: string; email: string; hospital: string },
): Promise<{ id: string; secret: string }> {
  await page.goto('/signup/doctor');
  await page.getByLabel('First name').fill(person.firstName);
  await page.getByLabel('Last name').fill(person.lastName);
  await page.getByLabel('Specialty').fill('Dermatology');
  await page.getByLabel('Qualification').fill('MD');
  await page.getByLabel('Hospital', { exact: true }).selectOption(person.hospital);
  await page.getByLabel('Branch').fill('North');
  await page.getByLabel('Phone').fill('+33 1 23 45 67 89');
  await page.getByLabel('Clinic address').fill('8 Boulevard Haussmann, Paris');
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(testPassword);
  await page.getByLabel('Password again').fill(testPassword);
  await page.getByRole('button', { name: 'Sign up' }).click();
  const id = await visibleText(page.getByTestId('new-id'), 60_000);
  expect(id).to.match(/^DOC\d+$/);
  const secret = await visibleText(page.getByTestId('totp-secret'));
  return { id, secret };
}

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { freshTotp } from '../../../gateway/src/test-support/fresh-totp.js';
import { expectAccessible } from './accessibility';

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });

/**
 * Saves what the page shows now, for people to look at (test-results/, not committed), and
 * checks it with axe-core: every screen the tests show people is checked for accessibility.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${resultsDir}${name}.png`, fullPage: true });
  await expectAccessible(page, name);
}

/** Waits until the locator is visible and returns its text. */
export async function visibleText(locator: Locator, timeout = 30_000): Promise<string> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return (await locator.first().innerText()).trim();
}

/** Asserts that the page shows this text (somewhere visible). */
export async function sees(page: Page | Locator, text: string | RegExp, timeout = 30_000) {
  const found = await visibleText(page.getByText(text), timeout);
  expect(found).to.match(typeof text === 'string' ? new RegExp(escape(text)) : text);
  return found;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Waits for a list read a page at a time and presses its "Load more" until `target` shows,
 * as someone looking for it would: a shared network's lists outgrow their first page.
 * Fails (timing out) when the list ends without it.
 */
export async function loadUntilShown(page: Page, target: Locator, timeout = 45_000) {
  const more = page.getByRole('button', { name: 'Load more', exact: true });
  for (;;) {
    await target.or(more).first().waitFor({ state: 'visible', timeout });
    if (await target.first().isVisible()) return;
    await more.click();
  }
}

/**
 * Logs in through the form by PatRec ID; staff give the code their authenticator app shows
 * (one not used yet).
 */
export async function logIn(page: Page, login: string, password: string, totpSecret?: string) {
  await page.goto('/login');
  await page.getByLabel('PatRec ID or e-mail').fill(login);
  await page.getByLabel('Password').fill(password);
  if (totpSecret) {
    await page.getByLabel('Authenticator code').fill(await freshTotp(totpSecret, login));
  }
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Marks the document; `stillSameDocument` is true only if no reload or navigation happened. */
export async function markDocument(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { patrecMark: boolean }).patrecMark = true;
  });
}

export function stillSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { patrecMark?: boolean }).patrecMark === true);
}

/**
 * Follows a link of the portal's navigation (the same words may appear on the page too)
 * and waits until the new page is there, so the next step does not act on the old one.
 */
export async function navigate(page: Page, label: string) {
  const link = page.getByRole('navigation').getByRole('link', { name: label, exact: true });
  const href = await link.getAttribute('href');
  await link.click();
  if (href) await page.waitForURL((url) => url.pathname === href);
  await link.and(page.locator('[aria-current="page"]')).waitFor();
}

/**
 * What a phone user could not reach: elements people act on or read in tables whose box
 * ends beyond the screen's right edge (also inside a box that scrolls sideways), and
 * whether the page itself scrolls sideways.
 */
export function outOfReach(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = [...document.querySelectorAll('button, a, input, select, textarea, th, td')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1;
      })
      .map(
        (element) =>
          `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 30)}"`,
      );
    return { sideways: document.documentElement.scrollWidth > width, clipped };
  });
}

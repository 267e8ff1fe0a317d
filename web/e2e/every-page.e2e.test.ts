import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { accessibilityProblems, expectAccessible } from './support/accessibility';
import { openBrowser, type PersonBrowser } from './support/browser';
import { logIn, outOfReach } from './support/page-helpers';
import { demoLogins, webUrl, type DemoLogin } from './support/people';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** Every page of each portal without an ID in its path, for its demo account. */
const PAGES: Record<'public' | DemoLogin['role'], string[]> = {
  public: ['/', '/login', '/login/reset', '/signup/patient', '/signup/doctor'],
  patient: [
    '/patient',
    '/patient/records',
    '/patient/records/new',
    '/patient/access',
    '/patient/history',
    '/patient/profile',
  ],
  doctor: [
    '/doctor',
    '/doctor/patients',
    '/doctor/records/new',
    '/doctor/emergency',
    '/doctor/audit',
    '/doctor/account',
  ],
  admin: ['/admin', '/admin/account'],
  auditor: [
    '/auditor',
    '/auditor/consents',
    '/auditor/records',
    '/auditor/integrity',
    '/auditor/account',
  ],
};

/** Waits until the page has its heading and has finished loading what it reads. */
async function settled(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
  await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 45_000 });
}

/**
 * Every page, as each demo account sees it, on a desktop and on a phone (390 px): no serious
 * or critical axe-core violation, nothing out of a phone user's reach, no sideways scroll,
 * nothing refused by the Content-Security-Policy.
 */
describe('every page, accessible and within a phone screen (headless Chromium)', function () {
  this.timeout(300_000);
  const browsers: PersonBrowser[] = [];
  after(async () => {
    await Promise.allSettled(browsers.map((b) => b.close()));
  });

  it('the accessibility check itself fails on an unlabelled input and an image without text', async () => {
    const browser = await openBrowser(webUrl());
    browsers.push(browser);
    await browser.page.setContent(
      '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1><input type="text"><img src="x.png"></main></body></html>',
    );
    const problems = await accessibilityProblems(browser.page);
    expect(problems.map((problem) => problem.split(' ')[0])).to.include.members([
      'label',
      'image-alt',
    ]);
  });

  for (const [who, paths] of Object.entries(PAGES) as [keyof typeof PAGES, string[]][]) {
    it(`${who === 'public' ? 'the public pages' : `the ${who}'s pages`}: ${paths.join(', ')}`, async () => {
      const browser = await openBrowser(webUrl(), DESKTOP);
      browsers.push(browser);
      const { page } = browser;
      if (who !== 'public') {
        const login = demoLogins().find((l) => l.role === who);
        if (!login) throw new Error(`no demo ${who} in the demo logins`);
        const secret = login.totpSecret;
        await logIn(page, login.id, login.password, secret);
        await page.waitForURL(`**/${who}`);
      }
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        for (const path of paths) {
          const where = `${path} at ${viewport.width} px`;
          await settled(page, path);
          await expectAccessible(page, where);
          if (viewport === PHONE)
            expect(await outOfReach(page), where).to.deep.equal({ sideways: false, clipped: [] });
        }
      }
      // Every script and style the pages need runs under their Content-Security-Policy.
      expect(browser.cspViolations).to.deep.equal([]);
    });
  }
});

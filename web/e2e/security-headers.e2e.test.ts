import { expect } from 'chai';
import { openBrowser, type PersonBrowser } from './support/browser';
import { webUrl } from './support/people';

const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];

/**
 * Issue 17, item 14: every page carries a Content-Security-Policy with a nonce of its own, so
 * a script an attacker slips into a page does not run, and no other site can frame PatRec.
 */
describe('the web app’s security headers (headless Chromium)', function () {
  this.timeout(120_000);
  const browsers: PersonBrowser[] = [];
  after(async () => {
    await Promise.allSettled(browsers.map((b) => b.close()));
  });
  const browser = async () => {
    const opened = await openBrowser(webUrl());
    browsers.push(opened);
    return opened;
  };

  it('gives each page a policy with a fresh nonce, carried by each of its scripts', async () => {
    const [first, second] = [await fetch(`${webUrl()}/login`), await fetch(`${webUrl()}/login`)];
    const policy = first.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ]) {
      expect(policy).to.contain(directive);
    }
    expect(policy).not.to.contain('unsafe-inline');
    const nonce = nonceOf(policy);
    expect(nonce).to.match(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers.get('content-security-policy') ?? '')).not.to.equal(nonce);

    const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).not.to.be.empty;
    for (const tag of scripts) expect(tag).to.contain(`nonce="${nonce}"`);

    for (const answer of [first, await fetch(`${webUrl()}/favicon.ico`)]) {
      expect(answer.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(answer.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(answer.headers.get('x-frame-options')).to.equal('DENY');
    }
  });

  it('runs no script injected into a page, and says so', async () => {
    const { page, cspViolations } = await browser();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    // Stored HTML with an inline handler: the classic way a script gets into a page.
    await page.evaluate(() => {
      const injected = document.createElement('div');
      injected.innerHTML = '<img src="/no-such-image.png" onerror="window.injectedRan = true">';
      document.body.append(injected);
    });
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => 'injectedRan' in window)).to.equal(false);
    expect(cspViolations.join('\n')).to.match(/inline event handler/);
  });

  it('cannot be framed by another page', async () => {
    const { page } = await browser();
    await page.setContent(
      `<!doctype html><title>framing</title><iframe src="${webUrl()}/login"></iframe>`,
    );
    await page.waitForTimeout(2_000);
    const framed = page.frames().find((frame) => frame !== page.mainFrame());
    const text = await framed?.evaluate(() => document.body.innerText).catch(() => '');
    expect(text ?? '').not.to.contain('Log in');
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser. */
const executablePath = process.env.PATREC_CHROMIUM ?? '/usr/bin/chromium';

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One person's browser: its own Chromium with a fresh profile in a temporary folder. */
export interface PersonBrowser {
  context: BrowserContext;
  page: Page;
  /** What the browser refused under the pages' Content-Security-Policy, as it said it. */
  cspViolations: string[];
  close: () => Promise<void>;
}

/**
 * Starts Chromium for one person. Each person gets a separate browser and profile, so their
 * cookies (sessions) are apart, as on separate machines. `close` stops it and deletes the
 * profile; nothing else is touched.
 */
export async function openBrowser(
  baseURL: string,
  viewport = { width: 1280, height: 900 },
): Promise<PersonBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'patrec-e2e-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      args,
      headless: true,
      baseURL,
      viewport,
      acceptDownloads: true,
      timezoneId: 'UTC',
      locale: 'en-GB',
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(30_000);
  const cspViolations: string[] = [];
  const watch = (page: Page) =>
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    cspViolations,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

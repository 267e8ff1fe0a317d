import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { currentTotp, totpPeriodMs } from '../accounts/totp.js';

// Test processes (gateway, scripts, web) log in as the same demo people one after another,
// so the steps they spent are noted where all of them look.
const spentDir = join(tmpdir(), 'patrec-spent-totp-steps');

/**
 * A code no one used yet, for tests and benchmarks that log in again and again: each time
 * step's code works once (RFC 6238 §5.2). The gateway takes the next step's code too (for
 * clocks a little fast), so a second log-in goes at once and a third waits for the clock.
 * Steps are spent per account (whatever its secret), so give the account's ID, never its
 * e-mail. Not safe for two processes logging one account in at once.
 */
export async function freshTotp(secret: string, account: string): Promise<string> {
  mkdirSync(spentDir, { recursive: true });
  const file = join(spentDir, createHash('sha256').update(account).digest('hex'));
  const spent = Number(readText(file) ?? -1);
  const step = Math.max(spent + 1, Math.floor(Date.now() / totpPeriodMs));
  // Wait until `step` is at most one ahead of the clock, with a margin for the gateway's.
  const usableFrom = (step - 1) * totpPeriodMs + 1_000;
  if (Date.now() < usableFrom) await sleep(usableFrom - Date.now());
  writeFileSync(file, String(step));
  return currentTotp(secret, account, step * totpPeriodMs);
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

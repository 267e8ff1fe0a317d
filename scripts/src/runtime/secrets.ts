import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { paths } from './paths.js';

/**
 * Passwords the network needs (CA bootstrap admins, node enrolment secrets), generated on
 * first use into the ignored runtime folder, readable only by its owner, never committed.
 */
export function secret(name: string, bytes = 18): string {
  const store = readSecrets();
  const existing = store[name];
  if (existing) return existing;
  const created = randomBytes(bytes).toString('base64');
  store[name] = created;
  mkdirSync(path.dirname(paths.secrets), { recursive: true, mode: 0o700 });
  writeFileSync(paths.secrets, JSON.stringify(store, null, 2), { mode: 0o600 });
  return created;
}

function readSecrets(): Record<string, string> {
  if (!existsSync(paths.secrets)) return {};
  return JSON.parse(readFileSync(paths.secrets, 'utf8')) as Record<string, string>;
}

/** `text` with every generated secret replaced, for messages and logs. */
export function redactSecrets(text: string): string {
  let secrets: string[];
  try {
    secrets = Object.values(readSecrets());
  } catch {
    return text; // an unreadable secrets file holds nothing to hide here
  }
  return secrets.reduce((redacted, value) => redacted.replaceAll(value, '[secret]'), text);
}

import { Secret, TOTP } from 'otpauth';

/** RFC 6238 codes: 6 digits, 30-second steps, one step of clock drift either way. */
function totpFor(secret: string, account: string) {
  return new TOTP({
    issuer: 'PatRec',
    label: account,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secret: string, account: string): string {
  return totpFor(secret, account).toString();
}

export function verifyTotp(secret: string, code: string, account: string, now = Date.now()) {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secret, account).validate({ token: code, timestamp: now, window: 1 }) !== null;
}

/** The current code, for tests and for seeding demo accounts. */
export function currentTotp(secret: string, account: string, now = Date.now()): string {
  return totpFor(secret, account).generate({ timestamp: now });
}

import { Secret, TOTP } from 'otpauth';

/** RFC 6238 codes: 6 digits, 30-second steps, one step of clock drift either way. */
function totpFor(secret: string, account: string) {
  return new TOTP({
    issuer: 'PatRec',
    label: account,
    algorithm: 'SHA1',
    digits: 6,
    period: totpPeriodMs / 1000,
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

export const totpPeriodMs = 30_000;

/**
 * The time step (`now / 30 s`, give or take one for clock drift) a code belongs to, or null
 * when it is no code of the secret near now. A step's code must be spent only once.
 */
export function totpStepOf(
  secret: string,
  code: string,
  account: string,
  now = Date.now(),
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, account).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / totpPeriodMs) + delta;
}

/** The current code, for tests and for seeding demo accounts. */
export function currentTotp(secret: string, account: string, now = Date.now()): string {
  return totpFor(secret, account).generate({ timestamp: now });
}

import { ApiError } from '../http/api-error.js';
import { staffRoles, type Account } from './account.js';
import type { AccountStore } from './account-store.js';
import { hashPassword, verifyPassword } from './password.js';
import { verifyTotp } from './totp.js';

/** After this many failures each attempt is slowed; after `lockAfter` the account locks. */
export const loginThrottle = { slowAfter: 3, lockAfter: 5, lockMs: 15 * 60_000, stepDelayMs: 400 };

const refused = () => new ApiError('UNAUTHENTICATED', 'wrong ID, e-mail or password');
// Unknown logins cost as much as known ones, so timing does not reveal who has an account.
const decoyHash = hashPassword('decoy password that matches nothing');

/** What to answer when a secret is missing or wrong: log-in and account pages word it apart. */
export interface SecretRefusals {
  wrongPassword: () => ApiError;
  totpMissing: () => ApiError;
  wrongTotp: () => ApiError;
}

/** A staff account without an authenticator secret: it must not log in (never fail open). */
const noAuthenticator = () =>
  new ApiError(
    'UNAUTHENTICATED',
    'this account has no authenticator set up, so it cannot log in; ask your hospital’s admin',
  );

const loginRefusals: SecretRefusals = {
  wrongPassword: refused,
  totpMissing: () =>
    new ApiError('UNAUTHENTICATED', 'enter the 6-digit code from your authenticator app', {
      totpRequired: true,
    }),
  wrongTotp: () =>
    new ApiError('UNAUTHENTICATED', 'wrong authenticator code', { totpRequired: true }),
};

/**
 * Checks a log-in: password (argon2id), then a TOTP code for staff and for patients who
 * turned it on. Repeated failures are slowed, then locked for a while (429 with Retry-After).
 */
export async function checkLogin(
  store: AccountStore,
  totpSecretOf: (account: Account) => string | undefined,
  attempt: { login: string; password: string; totp?: string | undefined },
  now = Date.now(),
): Promise<Account> {
  const account = await store.findByLogin(attempt.login);
  if (!account) {
    await spendAsMuchAsAPasswordCheck(attempt.password);
    throw refused();
  }
  await checkSecrets(store, totpSecretOf, account, attempt, loginRefusals, now);
  return account;
}

/** What checking a password costs, for attempts on accounts that do not exist. */
export async function spendAsMuchAsAPasswordCheck(password: string) {
  await verifyPassword(await decoyHash, password);
}

/**
 * Checks the secrets of a known account as log-in does (its password, then its
 * authenticator code where it has one), under the same lockout: anything that takes the
 * password counts its failures with log-in's, so no page lets anyone guess without limit.
 */
export async function checkSecrets(
  store: AccountStore,
  totpSecretOf: (account: Account) => string | undefined,
  account: Account,
  given: { password: string; totp?: string | undefined },
  refusals: SecretRefusals,
  now = Date.now(),
): Promise<void> {
  await throttle(account, now);
  if (!(await verifyPassword(account.passwordHash, given.password))) {
    throw await countFailure(store, account, now, refusals.wrongPassword());
  }
  const secret = totpSecretOf(account);
  const needsTotp = staffRoles.includes(account.role) || account.totp?.confirmed === true;
  if (needsTotp) {
    if (!secret) throw noAuthenticator();
    if (!given.totp) throw refusals.totpMissing();
    if (!verifyTotp(secret, given.totp, account._id, now)) {
      throw await countFailure(store, account, now, refusals.wrongTotp());
    }
  }
  await clearFailures(store, account);
}

/** Refuses while the account is locked (429), and slows attempts after repeated failures. */
export async function throttle(account: Account, now = Date.now()) {
  if (account.lockedUntil && account.lockedUntil.getTime() > now) {
    const seconds = Math.ceil((account.lockedUntil.getTime() - now) / 1000);
    throw new ApiError(
      'RATE_LIMITED',
      'too many failed log-ins; try again later',
      undefined,
      seconds,
    );
  }
  if (account.failedLogins >= loginThrottle.slowAfter) {
    const steps = account.failedLogins - loginThrottle.slowAfter + 1;
    await new Promise((resolve) => setTimeout(resolve, steps * loginThrottle.stepDelayMs));
  }
}

/** Counts a failed attempt (locking the account at `lockAfter`); returns the error to throw. */
export async function countFailure(
  store: AccountStore,
  account: Account,
  now: number,
  error: ApiError,
) {
  const failedLogins = account.failedLogins + 1;
  const lock = failedLogins >= loginThrottle.lockAfter;
  await store.accounts.updateOne(
    { _id: account._id },
    {
      $set: {
        failedLogins: lock ? 0 : failedLogins,
        lockedUntil: lock ? new Date(now + loginThrottle.lockMs) : null,
      },
    },
  );
  return error;
}

/** A success ends the count of failures. */
export async function clearFailures(store: AccountStore, account: Account) {
  if (account.failedLogins > 0 || account.lockedUntil) {
    await store.accounts.updateOne(
      { _id: account._id },
      { $set: { failedLogins: 0, lockedUntil: null } },
    );
  }
}

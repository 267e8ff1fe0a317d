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
    await verifyPassword(await decoyHash, attempt.password);
    throw refused();
  }
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

  if (!(await verifyPassword(account.passwordHash, attempt.password))) {
    throw await failure(store, account, now, refused());
  }
  const secret = totpSecretOf(account);
  const needsTotp = staffRoles.includes(account.role) || account.totp?.confirmed === true;
  if (needsTotp && secret) {
    if (!attempt.totp) {
      throw new ApiError('UNAUTHENTICATED', 'enter the 6-digit code from your authenticator app', {
        totpRequired: true,
      });
    }
    if (!verifyTotp(secret, attempt.totp, account._id, now)) {
      throw await failure(
        store,
        account,
        now,
        new ApiError('UNAUTHENTICATED', 'wrong authenticator code', { totpRequired: true }),
      );
    }
  }
  if (account.failedLogins > 0 || account.lockedUntil) {
    await store.accounts.updateOne(
      { _id: account._id },
      { $set: { failedLogins: 0, lockedUntil: null } },
    );
  }
  return account;
}

async function failure(store: AccountStore, account: Account, now: number, error: ApiError) {
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

import { ApiError } from '../http/api-error.js';
import { staffRoles, type Account } from './account.js';
import type { AccountStore } from './account-store.js';
import { unknownLoginSubject, type Attempt } from './attempt-slots.js';
import { hashPassword, verifyPassword } from './password.js';
import { totpStepOf } from './totp.js';

const refused = () => new ApiError('UNAUTHENTICATED', 'wrong ID, e-mail or password');
// Unknown logins cost as much as known ones, so timing does not reveal who has an account.
const decoyHash = hashPassword('decoy password that matches nothing');

/** What to answer when a secret is missing or wrong: log-in and account pages word it apart. */
export interface SecretRefusals {
  wrongPassword: () => ApiError;
  totpMissing: () => ApiError;
  wrongTotp: () => ApiError;
  /** A right code whose time step was used already: a replay, or a second log-in too soon. */
  spentTotp: () => ApiError;
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
  spentTotp: () =>
    new ApiError(
      'UNAUTHENTICATED',
      'that code was used already: wait for the next one your authenticator app shows',
      { totpRequired: true },
    ),
};

/**
 * Checks a log-in: password (argon2id), then a TOTP code for staff and for patients who
 * turned it on. Guesses are counted per account (and per login typed, for logins that match
 * no account): slowed after a few failures, refused with 429 and Retry-After after more.
 */
export async function checkLogin(
  store: AccountStore,
  totpSecretOf: (account: Account) => string | undefined,
  attempt: { login: string; password: string; totp?: string | undefined },
  now = Date.now(),
): Promise<Account> {
  const account = await store.findByLogin(attempt.login);
  if (!account) {
    const guess = await store.attempts.take(unknownLoginSubject(attempt.login));
    await spendAsMuchAsAPasswordCheck(attempt.password).catch(withdrawing(guess));
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
 * A code works once: its time step is spent.
 */
export async function checkSecrets(
  store: AccountStore,
  totpSecretOf: (account: Account) => string | undefined,
  account: Account,
  given: { password: string; totp?: string | undefined },
  refusals: SecretRefusals,
  now = Date.now(),
): Promise<void> {
  const attempt = await store.attempts.take(account._id);
  const passwordRight = await verifyPassword(account.passwordHash, given.password).catch(
    withdrawing(attempt),
  );
  if (!passwordRight) {
    throw refusals.wrongPassword();
  }
  const secret = totpSecretOf(account);
  const needsTotp = staffRoles.includes(account.role) || account.totp?.confirmed === true;
  if (needsTotp) {
    // The password was right: asking for the code (or an admin) is no failed guess.
    if (!secret || !given.totp) {
      await attempt.withdrawn();
      throw secret ? refusals.totpMissing() : noAuthenticator();
    }
    const step = totpStepOf(secret, given.totp, account._id, now);
    if (step === null) throw refusals.wrongTotp();
    if (!(await store.spendTotpStep(account, step))) throw refusals.spentTotp();
  }
  await attempt.succeeded();
}

/** A guess that could not be checked (the gateway was too busy, say) is no failed guess. */
const withdrawing = (attempt: Attempt) => async (error: unknown) => {
  await attempt.withdrawn();
  throw error;
};

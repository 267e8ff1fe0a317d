import type {
  PasswordChanged,
  PasswordResetDone,
  RecoveryCodeSet,
  TotpSecret,
} from '@patrec/contract';
import { open, seal } from '../crypto/envelope.js';
import { fromStored } from '../crypto/stored.js';
import { ApiError } from '../http/api-error.js';
import { invalidField } from '../http/validate.js';
import type { Account } from './account.js';
import type { AccountStore } from './account-store.js';
import type { AccountsService } from './accounts-service.js';
import { unknownLoginSubject } from './attempt-slots.js';
import { checkSecrets, type SecretRefusals } from './login.js';
import { hashPassword } from './password.js';
import { newRecoveryCodeSet } from './recovery-codes.js';
import type { Session } from './session.js';
import type { SessionStore } from './session-store.js';
import { newTotpSecret, totpStepOf, totpUri } from './totp.js';

/** A refusal of a secret given on the person's own account page, pointing at its input. */
const wrongSecret = (field: string, message: string, totpRequired = false) =>
  new ApiError('FORBIDDEN', message, {
    fields: [{ field: `body.${field}`, message }],
    ...(totpRequired ? { totpRequired } : {}),
  });

/** Refusals worded for someone logged in: 403 (the session is fine, the secret is not). */
const accountPageRefusals = (passwordField: string): SecretRefusals => ({
  wrongPassword: () =>
    wrongSecret(passwordField, 'That is not your current password: type the one you log in with.'),
  totpMissing: () =>
    wrongSecret('totp', 'Enter the 6-digit code from your authenticator app.', true),
  wrongTotp: () =>
    wrongSecret('totp', 'Wrong authenticator code: enter the one your app shows now.', true),
  spentTotp: () =>
    wrongSecret('totp', 'That code was used already: wait for the next one your app shows.', true),
});

// One answer for an unknown account, a wrong code and a spent one, so it tells no one
// whether an account exists.
const codeRefused = () =>
  new ApiError(
    'UNAUTHENTICATED',
    'that ID or e-mail and recovery code do not match: check both, and use a code not used before',
  );

/**
 * A person's secrets: changing the password (with the current one), resetting a forgotten
 * one with a recovery code, and making a new set of codes. Each check of a password or code
 * counts towards log-in's lockout. A new password ends the account's other sessions.
 */
export class Credentials {
  constructor(
    readonly store: AccountStore,
    readonly sessions: SessionStore,
    readonly accounts: AccountsService,
  ) {}

  async changePassword(
    session: Session,
    change: { currentPassword: string; newPassword: string; totp?: string | undefined },
  ): Promise<PasswordChanged> {
    if (change.newPassword === change.currentPassword) {
      throw invalidField('body.newPassword', 'a password other than your current one');
    }
    const account = await this.#reauthenticated(
      session,
      { password: change.currentPassword, totp: change.totp },
      'currentPassword',
    );
    const passwordHash = await hashPassword(change.newPassword);
    await this.store.accounts.updateOne({ _id: account._id }, { $set: { passwordHash } });
    return { otherSessionsEnded: await this.sessions.endAllOf(account._id, session.id) };
  }

  /** A new set of recovery codes, shown once; the set before it is void from now on. */
  async newRecoveryCodes(
    session: Session,
    given: { password: string; totp?: string | undefined },
  ): Promise<RecoveryCodeSet> {
    const account = await this.#reauthenticated(session, given, 'password');
    const { codes, stored } = newRecoveryCodeSet(this.accounts.recoveryCodes, account._id);
    await this.store.accounts.updateOne({ _id: account._id }, { $set: { recoveryCodes: stored } });
    return { codes, createdAt: stored.createdAt.toISOString() };
  }

  /**
   * Replaces a forgotten password with one recovery code, which it spends, and ends every
   * session of the account. It logs no one in: the person logs in with the new password
   * (and, for staff, their authenticator code as ever).
   */
  async resetPassword(reset: {
    login: string;
    recoveryCode: string;
    newPassword: string;
  }): Promise<PasswordResetDone> {
    // Hashed before anything is looked up, so every answer costs the same argon2 run.
    const passwordHash = await hashPassword(reset.newPassword);
    const account = await this.store.findByLogin(reset.login);
    // Unknown logins take slots too, so a lockout says nothing about who has an account.
    const attempt = await this.store.attempts.take(
      account?._id ?? unknownLoginSubject(reset.login),
    );
    if (!account) throw codeRefused();
    const hashes = account.recoveryCodes?.hashes ?? [];
    const hash = this.accounts.recoveryCodes.match(account._id, reset.recoveryCode, hashes);
    if (!hash || !(await this.store.spendRecoveryCode(account._id, hash))) throw codeRefused();
    await this.store.accounts.updateOne({ _id: account._id }, { $set: { passwordHash } });
    await attempt.succeeded();
    await this.sessions.endAllOf(account._id);
    return { recoveryCodesLeft: hashes.length - 1 };
  }

  /**
   * A new authenticator secret for a patient, given the password (and, with two-step log-in
   * on, a current code): a stolen session alone can neither turn two-step log-in off nor
   * move it to the thief's phone. The secret in use holds until the new one is confirmed.
   */
  async startTotp(
    session: Session,
    given: { password: string; totp?: string | undefined },
  ): Promise<TotpSecret> {
    const account = await this.#reauthenticated(session, given, 'password');
    const secret = newTotpSecret();
    const pendingTotp = seal(this.accounts.masterKey, Buffer.from(secret), totpContext(account));
    await this.store.accounts.updateOne({ _id: account._id }, { $set: { pendingTotp } });
    return { secret, uri: totpUri(secret, account._id) };
  }

  /** The new secret takes over once a code of it is right. */
  async confirmTotp(session: Session, code: string): Promise<void> {
    const account = await this.#account(session);
    // Enrolments started before pending secrets were kept apart sit unconfirmed in `totp`.
    const pending =
      account.pendingTotp ?? (account.totp && !account.totp.confirmed ? account.totp.secret : null);
    if (!pending) throw new ApiError('CONFLICT', 'start TOTP enrolment first');
    const secret = open(this.accounts.masterKey, fromStored(pending), totpContext(account));
    const step = totpStepOf(secret.toString(), code, account._id);
    if (step === null) {
      throw new ApiError(
        'UNPROCESSABLE',
        'that code does not match; check the time on your device',
      );
    }
    await this.store.accounts.updateOne(
      { _id: account._id },
      { $set: { totp: { secret: pending, confirmed: true }, pendingTotp: null } },
    );
    // The code shown on this page must not also log someone in.
    await this.store.markTotpStepSpent(account, step);
  }

  /** The person's account, once the password (and code) given on their page are right. */
  async #reauthenticated(
    session: Session,
    given: { password: string; totp?: string | undefined },
    passwordField: string,
  ): Promise<Account> {
    const account = await this.#account(session);
    await checkSecrets(
      this.store,
      (a) => this.accounts.totpSecretOf(a),
      account,
      given,
      accountPageRefusals(passwordField),
    );
    return account;
  }

  async #account(session: Session): Promise<Account> {
    const account = await this.store.findById(session.userId);
    if (!account) throw new ApiError('NOT_FOUND', 'this account no longer exists');
    return account;
  }
}

/** What a TOTP secret is sealed to: its account. */
const totpContext = (account: Account) => `totp:${account._id}`;

import type { Collection, Db } from 'mongodb';
import type { Role } from '../http/route.js';
import { insertIfAbsent, migrateOnce } from '../store/store-helpers.js';
import { idPrefix, type Account } from './account.js';
import { AttemptSlots } from './attempt-slots.js';
import { totpPeriodMs } from './totp.js';

interface Counter {
  _id: string;
  last: number;
}

/** Which account an e-mail belongs to: log-in by e-mail is then a lookup by `_id`. */
interface EmailEntry {
  /** Lower-case. */
  _id: string;
  accountId: string;
}

/** A recovery code used up: its hash, kept so it can never be used again. */
interface SpentRecoveryCode {
  _id: string;
  accountId: string;
  spentAt: Date;
}

/** The code of one time step of an account's authenticator, used: it works only once. */
interface SpentTotpStep {
  /** `${accountId}:${step}` */
  _id: string;
  spentAt: Date;
}

/**
 * Accounts, their e-mails and the per-role counters that number new PatRec IDs. Every
 * lookup is by `_id`, which the embedded store serves from its index (any other filter reads
 * the whole collection there).
 */
export class AccountStore {
  readonly accounts: Collection<Account>;
  readonly #emails: Collection<EmailEntry>;
  readonly #counters: Collection<Counter>;
  readonly #spentCodes: Collection<SpentRecoveryCode>;
  readonly #spentSteps: Collection<SpentTotpStep>;
  /** Guesses of passwords, codes and recovery codes, counted towards the lockout. */
  readonly attempts: AttemptSlots;

  constructor(readonly db: Db) {
    this.accounts = db.collection<Account>('accounts');
    this.#emails = db.collection<EmailEntry>('accountEmails');
    this.#counters = db.collection<Counter>('idCounters');
    this.#spentCodes = db.collection<SpentRecoveryCode>('spentRecoveryCodes');
    this.#spentSteps = db.collection<SpentTotpStep>('spentTotpSteps');
    this.attempts = new AttemptSlots(db);
  }

  /**
   * Indexes, and e-mail entries for accounts made before they existed: a scan of the
   * accounts, once per database, at start-up (never on a request).
   */
  async prepare() {
    await this.accounts.createIndex({ email: 1 }, { unique: true });
    await migrateOnce(this.db, 'accountEmails', async () => {
      for await (const account of this.accounts.find({}, { projection: { email: 1 } })) {
        await insertIfAbsent(this.#emails, { _id: account.email, accountId: account._id });
      }
    });
  }

  /** Claims an e-mail for an account; false when another account has it. */
  claimEmail(email: string, accountId: string): Promise<boolean> {
    return insertIfAbsent(this.#emails, { _id: email.toLowerCase(), accountId });
  }

  async releaseEmail(email: string) {
    await this.#emails.deleteOne({ _id: email.toLowerCase() });
  }

  /** The next free ID of the role (PAT100, PAT101, …): one atomic increment per sign-up. */
  async allocateId(role: Role): Promise<string> {
    const prefix = idPrefix[role];
    const counter = await this.#counters.findOneAndUpdate(
      { _id: prefix },
      { $inc: { last: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    return `${prefix}${99 + (counter?.last ?? 1)}`;
  }

  /** By PatRec ID or e-mail, as people type either at log-in. */
  async findByLogin(login: string): Promise<Account | null> {
    const trimmed = login.trim();
    return /^(PAT|DOC|ADM|AUD)\d+$/i.test(trimmed)
      ? this.findById(trimmed.toUpperCase())
      : this.#emails
          .findOne({ _id: trimmed.toLowerCase() })
          .then((entry) => (entry ? this.findById(entry.accountId) : null));
  }

  /**
   * Spends a recovery code: true for the one caller that spent it, false when it was spent
   * already. An insert by `_id` decides, because the embedded store does not isolate updates
   * of one document from each other (two `$pull`s of one code can both report a change).
   */
  async spendRecoveryCode(accountId: string, hash: string): Promise<boolean> {
    if (!(await insertIfAbsent(this.#spentCodes, { _id: hash, accountId, spentAt: new Date() }))) {
      return false;
    }
    await this.accounts.updateOne({ _id: accountId }, { $pull: { 'recoveryCodes.hashes': hash } });
    return true;
  }

  /**
   * Spends an authenticator code (RFC 6238 §5.2): true for the one log-in that spent it,
   * false for a code of a step spent already or older than the newest spent. The insert by
   * `_id` decides between concurrent log-ins with one code; `lastTotpStep` refuses the rest.
   */
  async spendTotpStep(account: Account, step: number): Promise<boolean> {
    if (account.lastTotpStep !== undefined && step <= account.lastTotpStep) return false;
    const spent = { _id: `${account._id}:${step}`, spentAt: new Date() };
    if (!(await insertIfAbsent(this.#spentSteps, spent))) return false;
    await this.markTotpStepSpent(account, step);
    return true;
  }

  /** No code of this step or an earlier one will be taken (the step of a confirmed code). */
  async markTotpStepSpent(account: Account, step: number) {
    await this.accounts.updateOne({ _id: account._id }, { $max: { lastTotpStep: step } });
  }

  /**
   * What the lockout and replay checks no longer need: spent steps past every code's window
   * and slots of ended windows. A background sweep (it reads those collections whole).
   */
  async sweepSpentSecrets(now = Date.now()) {
    const stepsBefore = new Date(now - 3 * totpPeriodMs);
    await this.#spentSteps.deleteMany({ spentAt: { $lt: stepsBefore } });
    await this.attempts.sweep();
  }

  findById(id: string) {
    return this.accounts.findOne({ _id: id });
  }

  async emailTaken(email: string) {
    return (await this.#emails.findOne({ _id: email.toLowerCase() })) !== null;
  }
}

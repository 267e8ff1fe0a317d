import type { Collection, Db } from 'mongodb';
import type { Role } from '../http/route.js';
import { insertIfAbsent, migrateOnce } from '../store/store-helpers.js';
import { idPrefix, type Account } from './account.js';

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

  constructor(readonly db: Db) {
    this.accounts = db.collection<Account>('accounts');
    this.#emails = db.collection<EmailEntry>('accountEmails');
    this.#counters = db.collection<Counter>('idCounters');
    this.#spentCodes = db.collection<SpentRecoveryCode>('spentRecoveryCodes');
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

  findById(id: string) {
    return this.accounts.findOne({ _id: id });
  }

  async emailTaken(email: string) {
    return (await this.#emails.findOne({ _id: email.toLowerCase() })) !== null;
  }
}

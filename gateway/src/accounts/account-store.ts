import type { Collection, Db } from 'mongodb';
import type { Role } from '../http/route.js';
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

/** A duplicate key: the e-mail (or ID) exists already. */
export const isDuplicateKey = (error: unknown) => (error as { code?: unknown }).code === 11000;

/**
 * Accounts, their e-mails and the per-role counters that number new PatRec IDs. Every
 * lookup is by `_id`, which the embedded store serves from its index (any other filter reads
 * the whole collection there).
 */
export class AccountStore {
  readonly accounts: Collection<Account>;
  readonly #emails: Collection<EmailEntry>;
  readonly #counters: Collection<Counter>;

  constructor(db: Db) {
    this.accounts = db.collection<Account>('accounts');
    this.#emails = db.collection<EmailEntry>('accountEmails');
    this.#counters = db.collection<Counter>('idCounters');
  }

  /**
   * Indexes, and e-mail entries for accounts made before they existed: a scan of the
   * accounts, once, at start-up (never on a request).
   */
  async prepare() {
    await this.accounts.createIndex({ email: 1 }, { unique: true });
    for await (const account of this.accounts.find({}, { projection: { email: 1 } })) {
      await this.#emails
        .insertOne({ _id: account.email, accountId: account._id })
        .catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        });
    }
  }

  /** Claims an e-mail for an account; false when another account has it. */
  async claimEmail(email: string, accountId: string): Promise<boolean> {
    try {
      await this.#emails.insertOne({ _id: email.toLowerCase(), accountId });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
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

  findById(id: string) {
    return this.accounts.findOne({ _id: id });
  }

  async emailTaken(email: string) {
    return (await this.#emails.findOne({ _id: email.toLowerCase() })) !== null;
  }
}

import type { Collection, Db } from 'mongodb';
import type { Role } from '../http/route.js';
import { idPrefix, type Account } from './account.js';

interface Counter {
  _id: string;
  last: number;
}

/** Accounts and the per-role counters that number new PatRec IDs. */
export class AccountStore {
  readonly accounts: Collection<Account>;
  readonly #counters: Collection<Counter>;

  constructor(db: Db) {
    this.accounts = db.collection<Account>('accounts');
    this.#counters = db.collection<Counter>('idCounters');
  }

  async createIndexes() {
    await this.accounts.createIndex({ email: 1 }, { unique: true });
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
  findByLogin(login: string): Promise<Account | null> {
    const trimmed = login.trim();
    return /^(PAT|DOC|ADM|AUD)\d+$/i.test(trimmed)
      ? this.accounts.findOne({ _id: trimmed.toUpperCase() })
      : this.accounts.findOne({ email: trimmed.toLowerCase() });
  }

  findById(id: string) {
    return this.accounts.findOne({ _id: id });
  }

  emailTaken(email: string) {
    return this.accounts
      .countDocuments({ email: email.toLowerCase() }, { limit: 1 })
      .then((n) => n > 0);
  }
}

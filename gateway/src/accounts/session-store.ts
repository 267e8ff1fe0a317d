import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { Collection, Db } from 'mongodb';
import type { Role } from '../http/route.js';
import { isDuplicateKey, migrateOnce } from '../store/store-helpers.js';
import { sessionCookie, type Session, type SessionResolver } from './session.js';

interface StoredSession {
  /** SHA-256 of the cookie's token, so a leaked database holds no usable session. */
  _id: string;
  userId: string;
  role: Role;
  hospital: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Which sessions a person has: ending all of them is then lookups by `_id`. */
interface SessionsOfUser {
  /** The PatRec ID. */
  _id: string;
  /** `_id`s of the person's sessions; some may have expired since. */
  sessions: string[];
}

export const sessionLifetimeMs = 8 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sessions in the database, so any gateway replica can serve any request. The collection
 * holds live sessions only (logout and expiry delete them): every read of it is a scan on
 * FerretDB, so it must stay small. Each person's sessions are also listed under their ID, so
 * a password change can end the others without a scan.
 */
export class SessionStore implements SessionResolver {
  readonly #sessions: Collection<StoredSession>;
  readonly #byUser: Collection<SessionsOfUser>;
  readonly #endListeners = new Set<(sessionId: string) => void>();

  constructor(
    readonly db: Db,
    readonly now: () => number = Date.now,
  ) {
    this.#sessions = db.collection<StoredSession>('sessions');
    this.#byUser = db.collection<SessionsOfUser>('sessionsOfUser');
  }

  /** Lists sessions made before the lists existed: one scan of live sessions, once. */
  async prepare() {
    await migrateOnce(this.db, 'sessionsOfUser', async () => {
      for await (const session of this.#sessions.find({}, { projection: { userId: 1 } })) {
        await this.#list(session.userId, session._id);
      }
    });
  }

  /** Creates a session; returns the token for the cookie (never stored) and the session. */
  async create(user: { id: string; role: Role; hospital: string }) {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const stored: StoredSession = {
      _id: hashToken(token),
      userId: user.id,
      role: user.role,
      hospital: user.hospital,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: new Date(now),
      expiresAt: new Date(now + sessionLifetimeMs),
    };
    // Listed first: a session that exists is always one a password change can find.
    await this.#list(user.id, stored._id);
    await this.#sessions.insertOne(stored);
    return { token, session: toSession(stored) };
  }

  async fromRequest(request: Request): Promise<Session | undefined> {
    const cookies = request.cookies as Record<string, unknown> | undefined;
    const token = cookies?.[sessionCookie];
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) return undefined;
    const stored = await this.#sessions.findOne({ _id: hashToken(token) });
    if (!stored) return undefined;
    if (stored.expiresAt.getTime() <= this.now()) {
      await this.#delete(stored.userId, stored._id);
      return undefined;
    }
    return toSession(stored);
  }

  /** A session that has not ended or expired (any replica may have ended it). */
  async isLive(sessionId: string): Promise<boolean> {
    const stored = await this.#sessions.findOne({ _id: sessionId });
    return stored !== null && stored.expiresAt.getTime() > this.now();
  }

  /**
   * Tells `listener` of each session this gateway ends (log-out, a password change, a
   * suspension), as it ends; returns the way to stop listening.
   */
  onEnd(listener: (sessionId: string) => void): () => void {
    this.#endListeners.add(listener);
    return () => this.#endListeners.delete(listener);
  }

  async end(session: Session) {
    await this.#delete(session.userId, session.id);
  }

  /**
   * Ends every session of the person except `keep` (the one asking, if any); answers how many
   * live sessions it ended. Two log-ins of one person in the same instant may race on the
   * list (the embedded store has no isolation between updates), so one of those sessions can
   * be left unlisted; an ordinary log-in is always listed.
   */
  async endAllOf(userId: string, keep?: string): Promise<number> {
    const listed = await this.#byUser.findOne({ _id: userId });
    let ended = 0;
    for (const id of listed?.sessions ?? []) {
      if (id === keep) continue;
      const { deletedCount } = await this.#sessions.deleteOne({ _id: id });
      await this.#byUser.updateOne({ _id: userId }, { $pull: { sessions: id } });
      this.#ended(id);
      ended += deletedCount;
    }
    return ended;
  }

  /** Deletes expired sessions and their entries in the lists; run periodically. */
  async purgeExpired() {
    const expired = { expiresAt: { $lte: new Date(this.now()) } };
    const gone = await this.#sessions.find(expired, { projection: { userId: 1 } }).toArray();
    const { deletedCount } = await this.#sessions.deleteMany(expired);
    for (const session of gone) {
      await this.#byUser.updateOne({ _id: session.userId }, { $pull: { sessions: session._id } });
    }
    return deletedCount;
  }

  async #list(userId: string, sessionId: string) {
    const add = () =>
      this.#byUser.updateOne(
        { _id: userId },
        { $addToSet: { sessions: sessionId } },
        { upsert: true },
      );
    // Two first log-ins racing both try to insert the list; the loser adds to the winner's.
    await add().catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
      return add();
    });
  }

  async #delete(userId: string, sessionId: string) {
    await this.#sessions.deleteOne({ _id: sessionId });
    await this.#byUser.updateOne({ _id: userId }, { $pull: { sessions: sessionId } });
    this.#ended(sessionId);
  }

  #ended(sessionId: string) {
    for (const listener of this.#endListeners) listener(sessionId);
  }
}

function toSession(stored: StoredSession): Session {
  return {
    id: stored._id,
    userId: stored.userId,
    role: stored.role,
    hospital: stored.hospital,
    csrfToken: stored.csrfToken,
    expiresAt: stored.expiresAt,
  };
}

import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { Collection, Db } from 'mongodb';
import type { Role } from '../http/route.js';
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

export const sessionLifetimeMs = 8 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sessions in the database, so any gateway replica can serve any request. The collection
 * holds live sessions only (logout and expiry delete them): every read of it is a scan on
 * FerretDB, so it must stay small.
 */
export class SessionStore implements SessionResolver {
  readonly #sessions: Collection<StoredSession>;

  constructor(
    db: Db,
    readonly now: () => number = Date.now,
  ) {
    this.#sessions = db.collection<StoredSession>('sessions');
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
      await this.#sessions.deleteOne({ _id: stored._id });
      return undefined;
    }
    return toSession(stored);
  }

  async end(session: Session) {
    await this.#sessions.deleteOne({ _id: session.id });
  }

  /** Deletes expired sessions; run periodically. */
  async purgeExpired() {
    const { deletedCount } = await this.#sessions.deleteMany({
      expiresAt: { $lte: new Date(this.now()) },
    });
    return deletedCount;
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

import type { Request } from 'express';
import type { Session } from '../accounts/session.js';
import type { SessionStore } from '../accounts/session-store.js';

/** How often a stream asks whether its session still stands (another replica may end it). */
export const sessionCheckMs = 10_000;

export type StreamEnd = 'closed' | 'logged-out' | 'expired' | 'suspended';

/**
 * How long a live event stream may run: until the browser goes away, or the session it was
 * opened with ends — log-out here (at once) or on another gateway replica (within
 * `sessionCheckMs`), expiry, or a suspension (`end('suspended')`). A stream must never
 * outlive the right to read it.
 */
export class StreamLifetime {
  readonly ended: Promise<StreamEnd>;
  #finish: (reason: StreamEnd) => void = () => undefined;
  #finished = false;
  readonly #stops: (() => void)[] = [];

  constructor(session: Session, request: Request, sessions: SessionStore) {
    this.ended = new Promise((resolve) => (this.#finish = resolve));

    const closed = () => this.end('closed');
    request.once('close', closed);
    this.#stops.push(() => request.off('close', closed));

    this.#stops.push(sessions.onEnd((id) => id === session.id && this.end('logged-out')));

    const expiry = setTimeout(() => this.end('expired'), session.expiresAt.getTime() - Date.now());
    this.#stops.push(() => clearTimeout(expiry));

    const check = setInterval(() => {
      sessions.isLive(session.id).then(
        (live) => live || this.end('logged-out'),
        () => undefined, // the store is down for a moment: ask again next time
      );
    }, sessionCheckMs);
    this.#stops.push(() => clearInterval(check));
  }

  /** Ends the stream (the first reason given is the one kept). */
  end(reason: StreamEnd) {
    if (this.#finished) return;
    this.#finished = true;
    this.#stops.forEach((stop) => stop());
    this.#finish(reason);
  }
}

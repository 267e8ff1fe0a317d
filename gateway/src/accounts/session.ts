import type { Request } from 'express';
import type { Role } from '../http/route.js';

/** A logged-in person, as every route sees them. */
export interface Session {
  /** Hash of the cookie's token: the token itself is never stored. */
  id: string;
  userId: string;
  role: Role;
  /** The hospital (its key, e.g. `hospitala`) whose CA enrolled the person. */
  hospital: string;
  /** Sent back in the X-CSRF-Token header on every request that changes something. */
  csrfToken: string;
  expiresAt: Date;
}

/** Finds the session a request carries, or undefined (no cookie, unknown, expired). */
export interface SessionResolver {
  fromRequest(request: Request): Promise<Session | undefined>;
}

export const sessionCookie = 'patrec_session';
export const csrfCookie = 'patrec_csrf';
export const csrfHeader = 'x-csrf-token';

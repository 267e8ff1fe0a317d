import type { StoredSealed } from '../crypto/stored.js';
import type { Role } from '../http/route.js';

/** A person's account: how they log in. Their personal details are sealed in `profile`. */
export interface Account {
  /** PatRec ID: PAT…, DOC…, ADM…, AUD… */
  _id: string;
  /** Lower-case; unique. */
  email: string;
  role: Role;
  /** Key of the hospital whose CA enrolled them (e.g. `hospitala`). */
  hospital: string;
  passwordHash: string;
  /** TOTP secret sealed under the master key; `confirmed` once a code was checked. */
  totp: { secret: StoredSealed; confirmed: boolean } | null;
  /** A new secret being enrolled (sealed like `totp`); `totp` holds until it is confirmed. */
  pendingTotp?: StoredSealed | null;
  /**
   * Keyed hashes of the one-time codes that reset a forgotten password, and when the set was
   * made; absent or null for accounts that have made none.
   */
  recoveryCodes?: { hashes: string[]; createdAt: Date } | null;
  /** The newest time step whose authenticator code was taken; older codes are refused. */
  lastTotpStep?: number;
  /** Name, birth date, address… sealed under the person's data key. */
  profile: StoredSealed;
  createdAt: Date;
}

/** Roles that must give a TOTP code at every log-in. */
export const staffRoles: readonly Role[] = ['doctor', 'admin', 'auditor'];

export const idPrefix: Record<Role, string> = {
  patient: 'PAT',
  doctor: 'DOC',
  admin: 'ADM',
  auditor: 'AUD',
};

import type { DoctorCard, WorkingHours } from '@patrec/contract';
import type { AccountStore } from '../accounts/account-store.js';
import type { AccountsService } from '../accounts/accounts-service.js';

const cacheMs = 5 * 60_000;

/**
 * Doctors' public details, from their accounts (sealed like every profile). Cached for a few
 * minutes: access histories name the same few doctors again and again.
 */
export class DoctorCards {
  readonly #cache = new Map<string, { card: DoctorCard | undefined; at: number }>();

  constructor(
    readonly store: AccountStore,
    readonly accounts: AccountsService,
  ) {}

  async of(doctorId: string, now = Date.now()): Promise<DoctorCard | undefined> {
    const cached = this.#cache.get(doctorId);
    if (cached && now - cached.at < cacheMs) return cached.card;
    const card = await this.#load(doctorId);
    this.#cache.set(doctorId, { card, at: now });
    return card;
  }

  /** Drops a doctor's cached card (they edited their profile); the next read loads it. */
  forget(doctorId: string) {
    this.#cache.delete(doctorId);
  }

  /** A doctor the ledger knows but this gateway holds no account of. */
  unknown(doctorId: string, mspId: string): DoctorCard {
    const hospital = this.accounts.hospitals.find((h) => h.mspId === mspId);
    return {
      id: doctorId,
      name: '',
      specialty: '',
      hospital: hospital?.key ?? '',
      hospitalName: hospital?.name ?? mspId,
      qualification: '',
      clinicAddress: '',
      branch: '',
      schedule: [],
    };
  }

  async #load(doctorId: string): Promise<DoctorCard | undefined> {
    const account = await this.store.findById(doctorId);
    if (account?.role !== 'doctor') return undefined;
    const profile = await this.accounts.profileOf(account);
    const text = (key: string) => (typeof profile[key] === 'string' ? profile[key] : '');
    const hospital = this.accounts.hospitals.find((h) => h.key === account.hospital);
    return {
      id: account._id,
      name: `${text('firstName')} ${text('lastName')}`.trim(),
      specialty: text('specialty'),
      hospital: account.hospital,
      hospitalName: hospital?.name ?? account.hospital,
      qualification: text('qualification'),
      clinicAddress: text('clinicAddress'),
      branch: text('branch'),
      // Validated by the sign-up schema when it was stored.
      schedule: (profile.schedule ?? []) as WorkingHours[],
    };
  }
}

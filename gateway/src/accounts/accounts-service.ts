import type { CreatedAccount } from '@patrec/contract';
import type { HospitalProfile } from '../config/gateway-config.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { open, seal } from '../crypto/envelope.js';
import { fromStored } from '../crypto/stored.js';
import { ApiError } from '../http/api-error.js';
import type { Role } from '../http/route.js';
import { invalidField } from '../http/validate.js';
import { HospitalCa, IdentityTakenError } from '../identity/hospital-ca.js';
import type { WalletIdentities } from '../identity/wallet-identities.js';
import type { Ledger } from '../ledger/ledger.js';
import { staffRoles, type Account } from './account.js';
import type { AccountStore } from './account-store.js';
import { hashPassword } from './password.js';
import { editedProfile } from './profile-edits.js';
import { newRecoveryCodeSet, RecoveryCodeHasher } from './recovery-codes.js';
import { newTotpSecret, totpUri } from './totp.js';

const maxIdAttempts = 50;

export interface NewAccount {
  role: Role;
  hospital: string;
  email: string;
  password: string;
  /** Personal details, sealed under the person's own data key. */
  profile: Record<string, unknown>;
  /** Give the person a set of recovery codes, shown in the answer only (sign-up does). */
  recoveryCodes?: boolean;
}

/**
 * Creating people: an ID, an identity enrolled at their hospital's CA (role and ID in the
 * certificate), the identity sealed in the wallet, the participant registered on the ledger
 * (patients and doctors), then the account. The account is written last, and what came
 * before is undone on failure, so a failed sign-up leaves no account half made.
 */
export class AccountsService {
  readonly #cas = new Map<string, HospitalCa>();
  readonly recoveryCodes: RecoveryCodeHasher;

  constructor(
    readonly store: AccountStore,
    readonly wallet: WalletIdentities,
    readonly dataKeys: DataKeys,
    readonly ledger: Ledger,
    readonly hospitals: HospitalProfile[],
    readonly masterKey: Buffer,
  ) {
    this.recoveryCodes = new RecoveryCodeHasher(masterKey);
  }

  hospital(key: string): HospitalProfile {
    const hospital = this.hospitals.find((h) => h.key === key);
    if (!hospital) {
      throw invalidField(
        'body.hospital',
        `choose one of ${this.hospitals.map((h) => h.key).join(', ')}`,
      );
    }
    return hospital;
  }

  async create(request: NewAccount): Promise<CreatedAccount> {
    const hospital = this.hospital(request.hospital);
    const email = request.email.toLowerCase();
    if (await this.store.emailTaken(email)) {
      throw new ApiError('CONFLICT', 'an account with this e-mail exists already');
    }
    const passwordHash = await hashPassword(request.password);
    const { id, identity } = await this.#enrollNewId(hospital, request.role);
    // Claimed before anything else is kept: two sign-ups racing for one e-mail get one account.
    if (!(await this.store.claimEmail(email, id))) {
      throw new ApiError('CONFLICT', 'an account with this e-mail exists already');
    }
    try {
      await this.wallet.put(id, identity);
      const dataKey = await this.dataKeys.create(id);
      if (request.role === 'patient' || request.role === 'doctor') {
        await this.ledger.withIdentity(identity, (ledger) => ledger.participants.registerSelf({}));
      }
      const secret = staffRoles.includes(request.role) ? newTotpSecret() : undefined;
      const recovery = request.recoveryCodes ? newRecoveryCodeSet(this.recoveryCodes, id) : null;
      const account: Account = {
        _id: id,
        email,
        role: request.role,
        hospital: hospital.key,
        passwordHash,
        totp: secret
          ? { secret: seal(this.masterKey, Buffer.from(secret), `totp:${id}`), confirmed: true }
          : null,
        recoveryCodes: recovery?.stored ?? null,
        profile: seal(dataKey, Buffer.from(JSON.stringify(request.profile)), `profile:${id}`),
        createdAt: new Date(),
      };
      await this.store.accounts.insertOne(account);
      return {
        id,
        ...(secret ? { totp: { secret, uri: totpUri(secret, id) } } : {}),
        ...(recovery ? { recoveryCodes: recovery.codes } : {}),
      };
    } catch (error) {
      await this.wallet.remove(id);
      await this.dataKeys.shred(id);
      await this.store.releaseEmail(email);
      throw error;
    }
  }

  async profileOf(account: Account): Promise<Record<string, unknown>> {
    const key = await this.dataKeys.keyOf(account._id);
    return JSON.parse(
      open(key, fromStored(account.profile), `profile:${account._id}`).toString(),
    ) as Record<string, unknown>;
  }

  /**
   * Replaces what the person's role may edit of their profile and keeps the rest; the
   * profile is sealed whole and written in one update, so an edit is kept entirely or not at
   * all. Answers the profile as it is now.
   */
  async editProfile(
    account: Account,
    edit: Readonly<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    const profile = editedProfile(account.role, await this.profileOf(account), edit);
    const key = await this.dataKeys.keyOf(account._id);
    const sealed = seal(key, Buffer.from(JSON.stringify(profile)), `profile:${account._id}`);
    await this.store.accounts.updateOne({ _id: account._id }, { $set: { profile: sealed } });
    return profile;
  }

  totpSecretOf(account: Account): string | undefined {
    if (!account.totp) return undefined;
    return open(this.masterKey, fromStored(account.totp.secret), `totp:${account._id}`).toString();
  }

  /**
   * Allocates the next ID and enrols it; skips IDs the CA already knows (a database
   * restored from an older backup, or another database on the same network).
   */
  async #enrollNewId(hospital: HospitalProfile, role: Role) {
    for (let attempt = 0; attempt < maxIdAttempts; attempt += 1) {
      const id = await this.store.allocateId(role);
      try {
        return { id, identity: await this.#ca(hospital).enroll(id, role) };
      } catch (error) {
        if (!(error instanceof IdentityTakenError)) throw error;
      }
    }
    throw new ApiError('CONFLICT', `no free ${role} ID after ${maxIdAttempts} tries`);
  }

  #ca(hospital: HospitalProfile) {
    let ca = this.#cas.get(hospital.key);
    if (!ca) this.#cas.set(hospital.key, (ca = new HospitalCa(hospital)));
    return ca;
  }
}

import { Wallet, type WalletStore, type X509Identity } from 'fabric-network';
import type { IdentityLookup } from '../ledger/ledger.js';
import type { EnrolledIdentity } from './hospital-ca.js';

/**
 * How long an identity looked up is used again without asking the store: every consent-
 * checked read needs its reader's. Changes made through this process take effect at once;
 * another gateway's re-enrolment or removal within this time.
 */
const reuseMs = 60_000;
const maxKept = 10_000;

/** People's enrolled identities, kept through fabric-network's Wallet over the sealed store. */
export class WalletIdentities implements IdentityLookup {
  readonly #wallet: Wallet;
  readonly #recent = new Map<string, { identity: EnrolledIdentity; until: number }>();

  constructor(
    store: WalletStore,
    readonly now: () => number = Date.now,
  ) {
    this.#wallet = new Wallet(store);
  }

  async identityOf(patrecId: string): Promise<EnrolledIdentity | undefined> {
    const recent = this.#recent.get(patrecId);
    if (recent && recent.until > this.now()) return recent.identity;
    const stored = (await this.#wallet.get(patrecId)) as X509Identity | undefined;
    if (stored?.type !== 'X.509') return undefined;
    const identity = {
      mspId: stored.mspId,
      certificate: stored.credentials.certificate,
      privateKey: stored.credentials.privateKey,
    };
    if (this.#recent.size >= maxKept) this.#recent.clear();
    this.#recent.set(patrecId, { identity, until: this.now() + reuseMs });
    return identity;
  }

  async put(patrecId: string, identity: EnrolledIdentity): Promise<void> {
    const x509: X509Identity = {
      type: 'X.509',
      mspId: identity.mspId,
      credentials: { certificate: identity.certificate, privateKey: identity.privateKey },
    };
    this.#recent.delete(patrecId);
    await this.#wallet.put(patrecId, x509);
  }

  remove(patrecId: string): Promise<void> {
    this.#recent.delete(patrecId);
    return this.#wallet.remove(patrecId);
  }
}

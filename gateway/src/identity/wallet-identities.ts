import { Wallet, type X509Identity } from 'fabric-network';
import type { IdentityLookup } from '../ledger/ledger.js';
import type { EnrolledIdentity } from './hospital-ca.js';
import type { MongoWalletStore } from './wallet-store.js';

/** People's enrolled identities, kept through fabric-network's Wallet over the sealed store. */
export class WalletIdentities implements IdentityLookup {
  readonly #wallet: Wallet;

  constructor(store: MongoWalletStore) {
    this.#wallet = new Wallet(store);
  }

  async identityOf(patrecId: string): Promise<EnrolledIdentity | undefined> {
    const identity = (await this.#wallet.get(patrecId)) as X509Identity | undefined;
    if (identity?.type !== 'X.509') return undefined;
    return {
      mspId: identity.mspId,
      certificate: identity.credentials.certificate,
      privateKey: identity.credentials.privateKey,
    };
  }

  async put(patrecId: string, identity: EnrolledIdentity): Promise<void> {
    const x509: X509Identity = {
      type: 'X.509',
      mspId: identity.mspId,
      credentials: { certificate: identity.certificate, privateKey: identity.privateKey },
    };
    await this.#wallet.put(patrecId, x509);
  }

  remove(patrecId: string): Promise<void> {
    return this.#wallet.remove(patrecId);
  }
}

import { expect } from 'chai';
import type { WalletStore } from 'fabric-network';
import { WalletIdentities } from './wallet-identities.js';

/** A wallet store in memory that counts its look-ups. */
class MemoryWalletStore implements WalletStore {
  readonly entries = new Map<string, Buffer>();
  gets = 0;

  get(label: string) {
    this.gets += 1;
    return Promise.resolve(this.entries.get(label));
  }
  list() {
    return Promise.resolve([...this.entries.keys()]);
  }
  put(label: string, data: Buffer) {
    this.entries.set(label, data);
    return Promise.resolve();
  }
  remove(label: string) {
    this.entries.delete(label);
    return Promise.resolve();
  }
}

const identity = (n: number) => ({
  mspId: 'HospitalAMSP',
  certificate: `-----BEGIN CERTIFICATE-----\ncert ${n}\n-----END CERTIFICATE-----\n`,
  privateKey: `-----BEGIN PRIVATE KEY-----\nkey ${n}\n-----END PRIVATE KEY-----\n`,
});

describe('WalletIdentities', () => {
  let store: MemoryWalletStore;
  let now: number;
  let identities: WalletIdentities;

  beforeEach(() => {
    store = new MemoryWalletStore();
    now = 1_000_000;
    identities = new WalletIdentities(store, () => now);
  });

  it('asks the store once a minute per person, not on every read', async () => {
    await identities.put('DOC100', identity(1));
    for (let i = 0; i < 5; i += 1)
      expect(await identities.identityOf('DOC100')).to.deep.equal(identity(1));
    expect(store.gets).to.equal(1);
    now += 61_000;
    await identities.identityOf('DOC100');
    expect(store.gets).to.equal(2);
  });

  it("sees another gateway's re-enrolment once the minute is over", async () => {
    await identities.put('DOC100', identity(1));
    await identities.identityOf('DOC100');
    await new WalletIdentities(store).put('DOC100', identity(2));
    expect(await identities.identityOf('DOC100')).to.deep.equal(identity(1));
    now += 61_000;
    expect(await identities.identityOf('DOC100')).to.deep.equal(identity(2));
  });

  it('forgets at once what it replaces or removes itself', async () => {
    await identities.put('DOC100', identity(1));
    await identities.identityOf('DOC100');
    await identities.put('DOC100', identity(2));
    expect(await identities.identityOf('DOC100')).to.deep.equal(identity(2));
    await identities.remove('DOC100');
    expect(await identities.identityOf('DOC100')).to.equal(undefined);
  });
});

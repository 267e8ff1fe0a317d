import { MongoClient, type Collection, type Db } from 'mongodb';
import { AccountStore } from './accounts/account-store.js';
import { AccountsService } from './accounts/accounts-service.js';
import { SessionStore } from './accounts/session-store.js';
import type { GatewayConfig } from './config/gateway-config.js';
import { DataKeys } from './crypto/data-keys.js';
import { MongoWalletStore } from './identity/wallet-store.js';
import { WalletIdentities } from './identity/wallet-identities.js';
import { Ledger } from './ledger/ledger.js';
import type { EmergencyReason } from './consents/consents-routes.js';
import { RecordContents } from './records/record-contents.js';
import { RecordsService } from './records/records-service.js';

/** Everything the gateway's routes use, built once from the configuration. */
export interface GatewayServices {
  mongo: MongoClient;
  db: Db;
  wallet: WalletIdentities;
  ledger: Ledger;
  store: AccountStore;
  sessions: SessionStore;
  accounts: AccountsService;
  dataKeys: DataKeys;
  records: RecordsService;
  reasons: Collection<EmergencyReason>;
  close(): Promise<void>;
}

export async function connectServices(config: GatewayConfig): Promise<GatewayServices> {
  const mongo = new MongoClient(config.mongodbUri, { serverSelectionTimeoutMS: 5000 });
  await mongo.connect();
  const db = mongo.db(config.databaseName);
  const wallet = new WalletIdentities(new MongoWalletStore(db, config.masterKey));
  const ledger = new Ledger(config.network, wallet);
  const store = new AccountStore(db);
  await store.createIndexes();
  const dataKeys = new DataKeys(db, config.masterKey);
  const accounts = new AccountsService(
    store,
    wallet,
    dataKeys,
    ledger,
    config.network.hospitals,
    config.masterKey,
  );
  return {
    mongo,
    db,
    wallet,
    ledger,
    store,
    sessions: new SessionStore(db),
    accounts,
    dataKeys,
    records: new RecordsService(new RecordContents(db), dataKeys, ledger),
    reasons: db.collection<EmergencyReason>('emergencyReasons'),
    close: async () => {
      ledger.close();
      await mongo.close();
    },
  };
}

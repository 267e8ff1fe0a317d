import { hostname } from 'node:os';
import { MongoClient, type Db } from 'mongodb';
import type { Logger } from 'pino';
import { AccountStore } from './accounts/account-store.js';
import { IntegritySweeps } from './audit/integrity-sweeps.js';
import { AccountsService } from './accounts/accounts-service.js';
import { SessionStore } from './accounts/session-store.js';
import { Credentials } from './accounts/credentials.js';
import type { GatewayConfig } from './config/gateway-config.js';
import { DataKeys } from './crypto/data-keys.js';
import { MongoWalletStore } from './identity/wallet-store.js';
import { WalletIdentities } from './identity/wallet-identities.js';
import { LedgerReads } from './access/ledger-reads.js';
import { ReadReceipts } from './access/read-receipts.js';
import { Ledger } from './ledger/ledger.js';
import { LedgerEventListener } from './events/event-listener.js';
import { EventStore } from './events/event-store.js';
import type { EnrolledIdentity } from './identity/hospital-ca.js';
import { gatewayAuditor } from './identity/service-identity.js';
import { ConsentsService } from './consents/consents-service.js';
import { EmergencyReasons } from './consents/emergency-reasons.js';
import { RecordContents } from './records/record-contents.js';
import { RecordsService } from './records/records-service.js';
import { DoctorCards } from './doctors/doctor-cards.js';
import { PatientIdentities } from './patients/patient-identities.js';

/** Everything the gateway's routes use, built once from the configuration. */
export interface GatewayServices {
  mongo: MongoClient;
  db: Db;
  wallet: WalletIdentities;
  ledger: Ledger;
  store: AccountStore;
  sessions: SessionStore;
  accounts: AccountsService;
  /** Password changes and resets, recovery codes. */
  credentials: Credentials;
  dataKeys: DataKeys;
  records: RecordsService;
  /** Consent-checked reads, carried in batches. */
  reads: LedgerReads;
  sweeps: IntegritySweeps;
  consents: ConsentsService;
  doctorCards: DoctorCards;
  patients: PatientIdentities;
  /** The gateway's own auditor identity (reconciler, event listener). */
  auditor: EnrolledIdentity;
  events: EventStore;
  listener: LedgerEventListener;
  close(): Promise<void>;
}

/** Names a replica's event checkpoint: its host and port. */
export const replicaName = (port: number) => `${hostname()}:${port}`;

export async function connectServices(
  config: GatewayConfig,
  log: Logger,
  /** Names this replica's event checkpoint. */
  replica = replicaName(config.port),
  /** Emit the driver's command events (tests read which queries the gateway runs). */
  monitorCommands = false,
): Promise<GatewayServices> {
  const mongo = new MongoClient(config.mongodbUri, {
    serverSelectionTimeoutMS: 5000,
    monitorCommands,
  });
  await mongo.connect();
  const db = mongo.db(config.databaseName);
  const wallet = new WalletIdentities(new MongoWalletStore(db, config.masterKey));
  const ledger = new Ledger(config.network, wallet);
  const store = new AccountStore(db);
  await store.prepare();
  const sessions = new SessionStore(db);
  await sessions.prepare();
  const dataKeys = new DataKeys(db, config.masterKey);
  const accounts = new AccountsService(
    store,
    wallet,
    dataKeys,
    ledger,
    config.network.hospitals,
    config.masterKey,
  );
  const auditor = await gatewayAuditor(wallet, config.network.hospitals[0]!);
  const doctorCards = new DoctorCards(store, accounts);
  const contents = new RecordContents(db);
  await contents.migrate();
  const reasons = new EmergencyReasons(db);
  await reasons.migrate();
  const events = new EventStore(db);
  await events.migrate();
  const listener = new LedgerEventListener(ledger, auditor.identity, events, log, replica);
  const sweeps = new IntegritySweeps(db, ledger, contents, log);
  const reads = new LedgerReads(ledger, auditor.identity, new ReadReceipts(db), log);
  return {
    mongo,
    db,
    wallet,
    ledger,
    store,
    sessions,
    accounts,
    credentials: new Credentials(store, sessions, accounts),
    dataKeys,
    records: new RecordsService(contents, dataKeys, ledger, reads),
    reads,
    sweeps,
    consents: new ConsentsService(ledger, doctorCards, dataKeys, reasons),
    doctorCards,
    patients: new PatientIdentities(ledger, store, accounts),
    auditor: auditor.identity,
    events,
    listener,
    close: async () => {
      listener.stop();
      await reads.settled();
      await sweeps.stop();
      ledger.close();
      await mongo.close();
    },
  };
}

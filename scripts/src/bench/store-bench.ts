import { randomBytes, randomInt } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { AccountStore } from '../../../gateway/src/accounts/account-store.js';
import { EventStore } from '../../../gateway/src/events/event-store.js';
import {
  RecordContents,
  versionKey,
  type ContentVersion,
} from '../../../gateway/src/records/record-contents.js';
import { percentile } from './ledger-bench.js';

/** How many lookups of each kind are timed at each size. */
export const lookupsPerSize = 300;
const warmUpLookups = 20;
const batch = 5_000;

export interface LookupFigures {
  query: string;
  p50Ms: number;
  p99Ms: number;
}

export interface StoreSize {
  versions: number;
  lookups: LookupFigures[];
}

/** A committed version as the gateway keeps one (a small clinical form, sealed). */
function version(patient: number, record: number, v: number): ContentVersion {
  const recordId = `PAT${patient}REC${record}`;
  return {
    _id: versionKey(recordId, v),
    recordId,
    version: v,
    uploadId: randomBytes(16).toString('hex'),
    patientId: `PAT${patient}`,
    category: 'cardiac',
    sealed: { iv: randomBytes(12), tag: randomBytes(16), ciphertext: randomBytes(480) },
    contentHash: randomBytes(32).toString('hex'),
    createdAt: new Date(),
    createdBy: `PAT${patient}`,
  };
}

async function timeLookups(name: string, lookup: () => Promise<unknown>): Promise<LookupFigures> {
  // A few untimed first: the first lookups after a fill also warm the connection and caches.
  for (let i = 0; i < warmUpLookups; i += 1) await lookup();
  const latencies: number[] = [];
  for (let i = 0; i < lookupsPerSize; i += 1) {
    const began = performance.now();
    const found = await lookup();
    latencies.push(performance.now() - began);
    if (found === null || found === undefined) throw new Error(`${name}: a lookup found nothing`);
  }
  return { query: name, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

/**
 * The record store alone: fills a scratch database with record versions (40 per patient,
 * with their patients' accounts and e-mails, and one event per version) up to each size,
 * then times every lookup a request makes there through the gateway's own store classes.
 */
export async function benchStore(
  mongodbUri: string,
  sizes: number[],
  log: (message: string) => void,
): Promise<StoreSize[]> {
  const client = new MongoClient(mongodbUri);
  await client.connect();
  const db: Db = client.db(`patrec_storebench_${randomInt(1e9).toString(36)}`);
  const contents = new RecordContents(db);
  const accounts = new AccountStore(db);
  const events = new EventStore(db);
  const results: StoreSize[] = [];
  let stored = 0;
  try {
    for (const size of [...sizes].sort((a, b) => a - b)) {
      const began = performance.now();
      while (stored < size) {
        const count = Math.min(batch, size - stored);
        const docs = Array.from({ length: count }, (_, i) => {
          const n = stored + i;
          return version(Math.floor(n / 40), n % 40, 1);
        });
        await contents.versions.insertMany(docs, { ordered: false });
        const patients = docs.filter((d) => d.recordId.endsWith('REC0'));
        if (patients.length > 0) {
          await accounts.accounts.insertMany(
            patients.map((d) => ({
              _id: d.patientId,
              email: `${d.patientId}@bench.example`,
            })) as never,
          );
          for (const d of patients)
            await accounts.claimEmail(`${d.patientId}@bench.example`, d.patientId);
        }
        stored += count;
        const rate = Math.round(stored / ((performance.now() - began) / 1000));
        log(
          `  ${stored.toLocaleString('en')} versions stored (${rate.toLocaleString('en')}/s this step)`,
        );
      }
      const event = (seq: number) => ({
        seq,
        name: 'RecordCreated' as const,
        ids: {},
        txId: 't',
        blockNumber: size,
      });
      await events.addAll([event(size + 1), event(size + 2)], undefined);
      const anyPatient = () => randomInt(Math.max(1, Math.floor(size / 40)));
      const lookups = [
        await timeLookups('record version by _id (every read)', () =>
          contents.version(`PAT${anyPatient()}REC0`, 1),
        ),
        await timeLookups('account by e-mail (log-in)', () =>
          accounts.findByLogin(`PAT${anyPatient()}@bench.example`),
        ),
        await timeLookups('account by ID (profiles, doctor cards)', () =>
          accounts.findById(`PAT${anyPatient()}`),
        ),
        await timeLookups('events after a seq (SSE replay)', () => events.after(size + 1)),
      ];
      results.push({ versions: size, lookups });
      log(
        `  at ${size.toLocaleString('en')}: ${lookups.map((l) => `${l.query} p99 ${l.p99Ms.toFixed(1)} ms`).join('; ')}`,
      );
    }
    return results;
  } finally {
    await db.dropDatabase();
    await client.close();
  }
}

import {
  accessEntry,
  consent,
  healthRecord,
  participant,
  readKey,
  transactions as tx,
  type AccessEntry,
  type Consent,
  type Participant,
} from '@patrec/contract';
import {
  ACCESS_ID,
  ACCESS_KINDS,
  ACCESS_OUTCOMES,
  ACCESS_REFUSALS,
  ADMIN_ID,
  AUDITOR_ID,
  CATEGORIES,
  CONSENT_ID,
  CONSENT_ORIGINS,
  CONSENT_STATUSES,
  DOCTOR_ID,
  isBatchEventName,
  LEDGER_EVENTS,
  PARTICIPANT_ROLES,
  PARTICIPANT_STATUSES,
  PATIENT_ID,
  PERMISSIONS,
  PURPOSES,
  RECORD_ID,
  RECORD_STATUSES,
  SHA256_HEX,
} from '@patrec/contract/core';
import { expect } from 'chai';
import { accessIndexKeys } from './access/access-entry';
import { toSortedJson } from './shared/ledger-json';
import {
  ALL,
  buildAuthorizationScene,
  createRecord,
  registerPatient,
} from './test-support/scenario';
import { signRead } from './test-support/readers';
import { compositeKey, person, sha256, type TestChain } from './test-support/test-chain';

/**
 * Properties of the whole world state after a busy scene: what every peer must agree on,
 * what may be on a ledger that is never erased, and indexes that match their objects.
 */

async function busyLedger(): Promise<TestChain> {
  const { chain, readSigners } = await buildAuthorizationScene();
  const batch = [
    signRead(readSigners.get('DOC8')!, 'PAT1REC0', chain.ledger.now, sha256('batch read 1')),
    signRead(readSigners.get('PAT2')!, 'PAT2REC0', chain.ledger.now, sha256('batch read 2')),
    // Refused (no grant), so recorded as a refused attempt.
    signRead(readSigners.get('DOC9')!, 'PAT1REC0', chain.ledger.now, sha256('batch read 3')),
  ];
  await chain.ok(person('auditor', 'AUD1'), tx.access.recordReads, JSON.stringify(batch), '');
  const owner = person('patient', 'PAT1');
  const doctor = person('doctor', 'DOC2', 'HospitalBMSP');
  await chain.ok(doctor, tx.access.getRecordDirectory, 'PAT1', '', '');
  await chain.ok(doctor, tx.access.accessRecord, 'PAT1REC0', '');
  await chain.ok(person('doctor', 'DOC12'), tx.access.accessRecord, 'PAT1REC1', '');
  await chain.ok(owner, tx.access.accessRecord, 'PAT1REC1', '');
  await chain.ok(
    doctor,
    tx.records.updateRecord,
    'PAT1REC0',
    'cardiac',
    sha256('PAT1REC0 v2'),
    '1',
  );
  await chain.ok(owner, tx.records.deleteRecord, 'PAT1REC1');
  await chain.ok(owner, tx.consents.shareWith, 'DOC9', ALL, 'read', '3600');
  const other = await registerPatient(chain, 'PAT10');
  await createRecord(chain, other, 'PAT10', 'document');
  return chain;
}

const json = (value: Uint8Array) => Buffer.from(value).toString('utf8');

const oneOf = (words: readonly string[]) => new RegExp(`^(${words.join('|')})$`);

/** What a string on the ledger may be: IDs, hashes, times, MSP IDs and vocabulary. */
const ALLOWED_STRINGS = [
  PATIENT_ID,
  DOCTOR_ID,
  ADMIN_ID,
  AUDITOR_ID,
  RECORD_ID,
  CONSENT_ID,
  ACCESS_ID,
  SHA256_HEX,
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/,
  // The scene's hospitals: the contract's MSP pattern would let any word through.
  /^Hospital[A-Z]MSP$/,
  // Readers' public keys: P-256 SPKI in base64.
  /^MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE[A-Za-z0-9+/]{86}==$/,
  oneOf([
    ...PARTICIPANT_ROLES,
    ...PARTICIPANT_STATUSES,
    ...RECORD_STATUSES,
    ...CATEGORIES,
    ...CONSENT_STATUSES,
    ...CONSENT_ORIGINS,
    ...PERMISSIONS,
    ...PURPOSES,
    ...ACCESS_KINDS,
    ...ACCESS_OUTCOMES,
    ...ACCESS_REFUSALS,
  ]),
];

function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      found.push(key);
      stringsIn(item, found);
    }
  }
  return found;
}

/** The contract's field names, the scope's kinds and the record counter's one field. */
const FIELD_NAMES = oneOf([
  ...[participant, healthRecord, consent, accessEntry, readKey].flatMap((schema) =>
    Object.keys(schema.shape),
  ),
  ...Object.values(LEDGER_EVENTS).flat(),
  ...['all', 'categories', 'records', 'events'],
  'next',
  // The refused attempts recorded per person and hour (access/refused-reads.ts).
  'count',
]);

describe('ledger invariants', () => {
  let chain: TestChain;
  before(async () => {
    chain = await busyLedger();
  });

  it('is the same, byte for byte, when the same transactions run again (determinism)', async () => {
    const again = await busyLedger();
    expect(again.ledger.keys()).to.deep.equal(chain.ledger.keys());
    for (const key of chain.ledger.keys()) {
      expect(json(again.ledger.value(key) ?? new Uint8Array()), key).to.equal(
        json(chain.ledger.value(key) ?? new Uint8Array()),
      );
    }
    expect(again.ledger.events).to.deep.equal(chain.ledger.events);
  });

  it('holds sorted-key JSON, or the one-byte value of an index entry', () => {
    for (const key of chain.ledger.keys()) {
      const value = chain.ledger.value(key) ?? new Uint8Array();
      if (value.length === 1 && value[0] === 0) continue;
      expect(json(value), key).to.equal(toSortedJson(JSON.parse(json(value))));
    }
  });

  it('holds no free text: every string is an ID, hash, time, MSP or a word of the vocabulary', () => {
    const values = chain.ledger
      .keys()
      .map((key) => chain.ledger.value(key) ?? new Uint8Array())
      .filter((value) => value.length > 1)
      .map((value) => JSON.parse(json(value)) as unknown);
    const events = chain.ledger.events.map((event) => event.payload);
    for (const text of [...stringsIn(values), ...stringsIn(events)]) {
      const allowed =
        FIELD_NAMES.test(text) || ALLOWED_STRINGS.some((pattern) => pattern.test(text));
      expect(allowed, `unexpected string on the ledger: ${text}`).to.equal(true);
    }
  });

  it('announces changes by IDs only, one event per committed change', () => {
    const announced = chain.ledger.events.flatMap((event) =>
      isBatchEventName(event.name)
        ? (event.payload as { events: unknown[] }).events.map((payload) => ({ ...event, payload }))
        : [event],
    );
    expect(announced.length).to.be.greaterThan(chain.ledger.events.length);
    for (const event of announced) {
      for (const [field, value] of Object.entries(event.payload as Record<string, unknown>)) {
        expect(field, event.name).to.match(/Id$/);
        expect(value === null || typeof value === 'string', `${event.name}.${field}`).to.equal(
          true,
        );
      }
    }
  });

  it('indexes each doctor once, under their current status', () => {
    const indexed = chain.ledger
      .keys()
      .filter((key) => key.startsWith(compositeKey('doctorByMsp')))
      .map((key) => key.split('\u0000').slice(2, 5).join(' '));
    const doctors = chain.ledger
      .keys()
      .filter((key) => key.startsWith(compositeKey('participant')))
      .map((key) => JSON.parse(json(chain.ledger.value(key) ?? new Uint8Array())) as Participant)
      .filter((participant) => participant.role === 'doctor')
      .map((doctor) => `${doctor.mspId} ${doctor.status} ${doctor.participantId}`);
    expect([...indexed].sort()).to.deep.equal([...doctors].sort());
  });

  it('indexes each consent by patient, doctor and pair, and emergencies for auditors', () => {
    const consents = chain.ledger
      .keys()
      .filter((key) => key.startsWith(compositeKey('consent')))
      .map((key) => JSON.parse(json(chain.ledger.value(key) ?? new Uint8Array())) as Consent);
    const keys = new Set(chain.ledger.keys());
    for (const consent of consents) {
      const { consentId: id, patientId, doctorId, createdAt } = consent;
      expect(keys.has(compositeKey('consentByPatient', patientId, createdAt, id))).to.equal(true);
      expect(keys.has(compositeKey('consentByDoctor', doctorId, createdAt, id))).to.equal(true);
      expect(keys.has(compositeKey('consentByPair', patientId, doctorId, id))).to.equal(true);
      expect(keys.has(compositeKey('emergencyGrant', createdAt, id))).to.equal(
        consent.origin === 'emergency',
      );
    }
    const indexes = ['consentByPatient', 'consentByDoctor', 'consentByPair', 'emergencyGrant'];
    const indexEntries = [...keys].filter((key) =>
      indexes.some((index) => key.startsWith(compositeKey(index))),
    );
    const emergencies = consents.filter((consent) => consent.origin === 'emergency').length;
    expect(indexEntries).to.have.lengthOf(consents.length * 3 + emergencies);
  });

  it('indexes each access under patient, accessor, accessor and patient, time, and record', () => {
    const entries = chain.ledger
      .keys()
      .filter((key) => key.startsWith(compositeKey('access')))
      .map((key) => JSON.parse(json(chain.ledger.value(key) ?? new Uint8Array())) as AccessEntry);
    const expected = entries.flatMap((entry) => accessIndexKeys(entry)).sort();
    const actual = chain.ledger.keys().filter((key) => key.startsWith('accessLogByNewest~'));
    expect(actual.sort()).to.deep.equal(expected);
    expect(entries.some((entry) => entry.kind === 'directory')).to.equal(true);
  });

  it("keeps each patient's record counter one past their last record", () => {
    for (const patientId of ['PAT1', 'PAT2', 'PAT10']) {
      const records = chain.ledger
        .keys()
        .filter((key) => key.startsWith(compositeKey('record', patientId)));
      const counter = JSON.parse(
        json(chain.ledger.value(compositeKey('recordCounter', patientId)) ?? new Uint8Array()),
      ) as { next: number };
      expect(counter.next, patientId).to.equal(records.length);
    }
  });
});

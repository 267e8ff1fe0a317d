import type { Consent, Page } from '@patrec/contract';
import type { Context } from 'fabric-contract-api';
import { onceInTransaction, stateOf } from '../shared/transaction-reads';
import { corruptState, notFound } from '../shared/errors';
import { fromLedger, INDEX_ENTRY, toLedger } from '../shared/ledger-json';
import { allOfPartialKey, pageOfPartialKey, type PageRequest } from '../shared/pagination';
import { consentKey, parseConsent } from './consent';

/** Indexes of consents; none of their attributes ever changes, so they are written once. */
export const CONSENT_INDEXES = {
  /** A patient's consents in the order they began: [patientId, createdAt, consentId]. */
  byPatient: 'consentByPatient',
  /** A doctor's consents in the order they began: [doctorId, createdAt, consentId]. */
  byDoctor: 'consentByDoctor',
  /** What one doctor holds from one patient, read on every access: [patientId, doctorId, consentId]. */
  byPair: 'consentByPair',
  /** Emergency grants for auditors, in time order: [createdAt, consentId]. */
  emergencies: 'emergencyGrant',
  /** A doctor's emergency grants by UTC day, for the daily limit: [doctorId, day, consentId]. */
  emergenciesByDoctorDay: 'emergencyByDoctorDay',
} as const;

export async function findConsent(ctx: Context, consentId: string): Promise<Consent | undefined> {
  const bytes = await stateOf(ctx, consentKey(ctx, consentId));
  return bytes.length === 0 ? undefined : parseConsent(fromLedger(bytes, 'consent'));
}

export async function readConsent(ctx: Context, consentId: string): Promise<Consent> {
  const consent = await findConsent(ctx, consentId);
  if (!consent) throw notFound(`there is no consent ${consentId}`);
  return consent;
}

/** Writes a new consent together with its index entries. */
export async function putNewConsent(ctx: Context, consent: Consent): Promise<void> {
  await putConsent(ctx, consent);
  const { consentId, patientId, doctorId, createdAt } = consent;
  const stub = ctx.stub;
  const indexKeys = [
    stub.createCompositeKey(CONSENT_INDEXES.byPatient, [patientId, createdAt, consentId]),
    stub.createCompositeKey(CONSENT_INDEXES.byDoctor, [doctorId, createdAt, consentId]),
    stub.createCompositeKey(CONSENT_INDEXES.byPair, [patientId, doctorId, consentId]),
  ];
  if (consent.origin === 'emergency') {
    indexKeys.push(
      stub.createCompositeKey(CONSENT_INDEXES.emergencies, [createdAt, consentId]),
      stub.createCompositeKey(CONSENT_INDEXES.emergenciesByDoctorDay, [
        doctorId,
        utcDayOf(createdAt),
        consentId,
      ]),
    );
  }
  for (const key of indexKeys) await stub.putState(key, INDEX_ENTRY);
}

/** Writes a changed consent; its index entries stay as they are. */
export async function putConsent(ctx: Context, consent: Consent): Promise<void> {
  await ctx.stub.putState(consentKey(ctx, consent.consentId), toLedger(consent));
}

/** Every consent between one patient and one doctor: a handful, read without paging. */
export async function consentsBetween(
  ctx: Context,
  patientId: string,
  doctorId: string,
): Promise<Consent[]> {
  return onceInTransaction(ctx, `consents between ${patientId} ${doctorId}`, async () => {
    const entries = await allOfPartialKey(ctx, CONSENT_INDEXES.byPair, [patientId, doctorId]);
    return Promise.all(entries.map(({ key }) => readConsent(ctx, consentIdOfIndexKey(ctx, key))));
  });
}

/** How many emergencies the doctor declared on the UTC day of `at` (at most the limit's few). */
export async function emergenciesOnDayOf(
  ctx: Context,
  doctorId: string,
  at: string,
): Promise<number> {
  const index = CONSENT_INDEXES.emergenciesByDoctorDay;
  return (await allOfPartialKey(ctx, index, [doctorId, utcDayOf(at)])).length;
}

/** `2026-12-07` of a ledger time such as `2026-12-07T23:59:59.000Z`. */
const utcDayOf = (at: string) => at.slice(0, 10);

/** A page of consents through one of the indexes. */
export async function consentPage(
  ctx: Context,
  index: string,
  attributes: string[],
  request: PageRequest,
): Promise<Page<Consent>> {
  const page = await pageOfPartialKey(ctx, index, attributes, request);
  const items: Consent[] = [];
  for (const { key } of page.items)
    items.push(await readConsent(ctx, consentIdOfIndexKey(ctx, key)));
  return { items, bookmark: page.bookmark };
}

function consentIdOfIndexKey(ctx: Context, key: string): string {
  const consentId = ctx.stub.splitCompositeKey(key).attributes.at(-1);
  if (!consentId) throw corruptState('consent index', key);
  return consentId;
}

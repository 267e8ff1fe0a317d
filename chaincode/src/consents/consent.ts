import type { Consent, ConsentView } from '@patrec/contract';
import {
  CATEGORIES,
  CONSENT_ORIGINS,
  CONSENT_STATUSES,
  MAX_SCOPE_RECORDS,
  PERMISSIONS,
  PURPOSES,
  RECORD_ID,
  type Category,
  type LedgerEventIds,
  type Scope,
} from '@patrec/contract/core';
import type { Context } from 'fabric-contract-api';
import { jsonArg } from '../shared/arguments';
import { corruptState, invalidArgument } from '../shared/errors';
import { Shape } from '../shared/shape';

const MAX_SCOPE_JSON = 4096;

export function parseConsent(value: unknown): Consent {
  const fail = (problem: string) => corruptState('consent', problem);
  const shape = new Shape(value, fail);
  return {
    consentId: shape.string('consentId'),
    patientId: shape.string('patientId'),
    doctorId: shape.string('doctorId'),
    origin: shape.oneOf('origin', CONSENT_ORIGINS),
    status: shape.oneOf('status', CONSENT_STATUSES),
    scope: parseScope(shape.raw('scope'), fail),
    permission: shape.oneOf('permission', PERMISSIONS),
    durationSeconds: shape.integer('durationSeconds'),
    purpose: shape.nullableOneOf('purpose', PURPOSES),
    reasonHash: shape.nullableString('reasonHash'),
    // Emergencies declared before the mark was kept have none.
    ...(shape.has('crossHospital') ? { crossHospital: shape.boolean('crossHospital') } : {}),
    createdAt: shape.string('createdAt'),
    decidedAt: shape.nullableString('decidedAt'),
    expiresAt: shape.nullableString('expiresAt'),
    revokedAt: shape.nullableString('revokedAt'),
  };
}

/**
 * Reads a scope: exactly one of `{"all":true}`, `{"categories":[…]}` or `{"records":[…]}`,
 * with known, distinct entries. Lists come back sorted so equal scopes are equal bytes.
 */
export function parseScope(value: unknown, fail: (problem: string) => Error): Scope {
  const shape = new Shape(value, fail);
  const [kind, ...others] = shape.keys();
  if (kind === undefined || others.length > 0) {
    throw fail('scope must hold exactly one of all, categories, records');
  }
  switch (kind) {
    case 'all':
      if (shape.raw('all') !== true) throw fail('all must be true');
      return { all: true };
    case 'categories': {
      const categories = distinctList(shape.stringArray('categories'), 'categories', fail);
      for (const category of categories) {
        if (!(CATEGORIES as readonly string[]).includes(category)) {
          throw fail(`unknown category ${category}`);
        }
      }
      return { categories: categories as Category[] };
    }
    case 'records': {
      const records = distinctList(shape.stringArray('records'), 'records', fail);
      if (records.length > MAX_SCOPE_RECORDS) throw fail(`more than ${MAX_SCOPE_RECORDS} records`);
      const malformed = records.find((recordId) => !RECORD_ID.test(recordId));
      if (malformed !== undefined) throw fail(`not a record ID: ${malformed.slice(0, 40)}`);
      return { records };
    }
    default:
      throw fail(`unknown scope ${kind.slice(0, 40)}`);
  }
}

export function scopeArg(name: string, value: unknown): Scope {
  return parseScope(jsonArg(name, value, MAX_SCOPE_JSON), (problem) =>
    invalidArgument(`${name}: ${problem}`),
  );
}

function distinctList(list: string[], name: string, fail: (problem: string) => Error): string[] {
  if (list.length === 0) throw fail(`${name} is empty`);
  const sorted = [...list].sort();
  if (sorted.some((item, index) => item === sorted[index - 1]))
    throw fail(`${name} repeats an entry`);
  return sorted;
}

/** Expiry is checked against the transaction's time; the grant ends at expiresAt itself. */
export function isActive(consent: Consent, now: string): boolean {
  return consent.status === 'GRANTED' && consent.expiresAt !== null && now < consent.expiresAt;
}

/**
 * Whether the consent was in force at `at`: granted by then and neither expired nor revoked
 * yet (whatever befell it since).
 */
export function wasInForce(consent: Consent, at: string): boolean {
  const granted = consent.decidedAt !== null && consent.decidedAt <= at;
  const unexpired = consent.expiresAt !== null && at < consent.expiresAt;
  const unrevoked =
    consent.status === 'GRANTED' ||
    (consent.status === 'REVOKED' && consent.revokedAt !== null && at < consent.revokedAt);
  return granted && unexpired && unrevoked;
}

export function viewOf(consent: Consent, now: string): ConsentView {
  const lapsed = consent.status === 'GRANTED' && !isActive(consent, now);
  return { ...consent, effectiveStatus: lapsed ? 'EXPIRED' : consent.status };
}

export function consentKey(ctx: Context, consentId: string): string {
  return ctx.stub.createCompositeKey('consent', [consentId]);
}

/**
 * The events of a consent's changes, which all carry the same IDs (EmergencyAccessGranted
 * carries the doctor's hospital too).
 */
export type ConsentEvent =
  'AccessRequested' | 'AccessGranted' | 'AccessRejected' | 'AccessShared' | 'AccessRevoked';

export function consentEventIds(consent: Consent): LedgerEventIds<ConsentEvent> {
  return {
    consentId: consent.consentId,
    patientId: consent.patientId,
    doctorId: consent.doctorId,
  };
}

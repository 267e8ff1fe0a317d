import type { Context } from 'fabric-contract-api';
import { jsonArg } from '../shared/arguments';
import { corruptState, invalidArgument } from '../shared/errors';
import { RECORD_ID } from '../shared/ids';
import { Shape } from '../shared/shape';
import { CATEGORIES, type Category } from '../records/health-record';

export const PERMISSIONS = ['read', 'read-write'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Why a doctor asks: a code, not free text, so no clinical detail reaches the ledger. */
export const PURPOSES = [
  'treatment',
  'diagnosis',
  'second-opinion',
  'referral',
  'follow-up',
  'research',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const CONSENT_STATUSES = ['PENDING', 'GRANTED', 'REJECTED', 'REVOKED'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** How a consent began: a doctor's request, the patient's own share, or an emergency. */
export const CONSENT_ORIGINS = ['request', 'share', 'emergency'] as const;
export type ConsentOrigin = (typeof CONSENT_ORIGINS)[number];

/** Listed records, listed categories, or everything the patient has. */
export type Scope = { all: true } | { categories: Category[] } | { records: string[] };

const MAX_SCOPE_JSON = 4096;
const MAX_SCOPE_RECORDS = 100;

export const MIN_GRANT_SECONDS = 60;
export const MAX_GRANT_SECONDS = 365 * 24 * 3600;
export const MAX_EMERGENCY_SECONDS = 24 * 3600;

export interface Consent {
  consentId: string;
  patientId: string;
  doctorId: string;
  origin: ConsentOrigin;
  status: ConsentStatus;
  /** Requested terms while PENDING; the granted (possibly narrowed) terms afterwards. */
  scope: Scope;
  permission: Permission;
  durationSeconds: number;
  /** Requests only. */
  purpose: Purpose | null;
  /** Emergencies only: SHA-256 of the stated reason, whose text is kept off-chain. */
  reasonHash: string | null;
  createdAt: string;
  /** When the patient granted or rejected (for shares and emergencies, when created). */
  decidedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** A consent as queries return it: with the status it has at the transaction's time. */
export type ConsentView = Consent & { effectiveStatus: ConsentStatus | 'EXPIRED' };

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

/** What a grant must cover: an existing record, or (for a new record) just its category. */
export type GrantTarget = { recordId: string; category: Category } | { category: Category };

export function scopeCovers(scope: Scope, target: GrantTarget): boolean {
  if ('all' in scope) return true;
  if ('categories' in scope) return scope.categories.includes(target.category);
  return 'recordId' in target && scope.records.includes(target.recordId);
}

export function permits(granted: Permission, needed: Permission): boolean {
  return granted === 'read-write' || needed === 'read';
}

/** Expiry is checked against the transaction's time; the grant ends at expiresAt itself. */
export function isActive(consent: Consent, now: string): boolean {
  return consent.status === 'GRANTED' && consent.expiresAt !== null && now < consent.expiresAt;
}

export function viewOf(consent: Consent, now: string): ConsentView {
  const lapsed = consent.status === 'GRANTED' && !isActive(consent, now);
  return { ...consent, effectiveStatus: lapsed ? 'EXPIRED' : consent.status };
}

export function consentKey(ctx: Context, consentId: string): string {
  return ctx.stub.createCompositeKey('consent', [consentId]);
}

/** The IDs an event about a consent carries. */
export function consentEventIds(consent: Consent): Record<string, string> {
  return {
    consentId: consent.consentId,
    patientId: consent.patientId,
    doctorId: consent.doctorId,
  };
}

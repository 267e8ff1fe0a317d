import { REFUSAL_REASONS } from '@patrec/contract/core';
import { IDEMPOTENCY_HEADER } from '@patrec/contract';
import type {
  AccessLogEntry,
  AccessLogFilter,
  AccessRequest,
  ApiErrorCode,
  Consent,
  ConsentView,
  CreatedAccount,
  DoctorCard,
  DoctorListing,
  DoctorPublicProfile,
  DoctorSignUp,
  DoctorsQuery,
  EmergencyDeclaration,
  EmergencyReason,
  ErrorBody,
  ErrorDetails,
  GrantTerms,
  HealthRecord,
  HealthReport,
  HistoryEntry,
  IntegrityAlert,
  IntegritySweep,
  LoginRequest,
  Me,
  NetworkReport,
  Page,
  Participant,
  PasswordChange,
  PasswordChanged,
  PasswordReset,
  PasswordResetDone,
  PatientContactDetails,
  PatientIdentity,
  PatientSignUp,
  RecordContent,
  RecordListing,
  RecordRead,
  RecordSummary,
  RecordUpdate,
  RecoveryCodeSet,
  Reauthentication,
  RefusalReason,
  SessionInfo,
  Share,
  StaffName,
  TotpSecret,
  totpConfirmation,
} from '@patrec/contract';
import type { z } from 'zod';

/**
 * The browser's client for the gateway API, typed by the contract's request and response
 * shapes. Every call goes to this origin's /api, which the app forwards to the gateway; the
 * session cookie rides along, and every call that changes something echoes the CSRF cookie in
 * X-CSRF-Token. Answers are trusted, not parsed, so pages need no zod for reading.
 */

/** The gateway's code, or ours when no answer came (NETWORK) or it had no error body. */
export type FailureCode = ApiErrorCode | 'NETWORK' | `HTTP_${number}`;

/** A refused or failed call, with the gateway's stable code and its words. */
export class ApiFailure extends Error {
  override name = 'ApiFailure';

  constructor(
    readonly status: number,
    readonly code: FailureCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }

  /** Why a read or action was refused, as the gateway said it (never guessed here). */
  get reason(): RefusalReason | undefined {
    return this.details.reason;
  }

  /** The fields the gateway found wrong, by name (`body.firstName` becomes `firstName`). */
  get fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const { field, message } of this.details.fields ?? []) {
      errors[field.replace(/^(body|query|params)\./, '')] ??= message;
    }
    return errors;
  }
}

/** A failure from an error body; only a reason the contract knows is kept as one. */
function failureOf(status: number, body: unknown): ApiFailure {
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  const details: ErrorDetails = { ...error?.details };
  if (!REFUSAL_REASONS.some((reason) => reason === details.reason)) delete details.reason;
  if (!Array.isArray(details.fields)) delete details.fields;
  return new ApiFailure(
    status,
    typeof error?.code === 'string' ? error.code : `HTTP_${status}`,
    typeof error?.message === 'string' ? error.message : `the server answered ${status}`,
    details,
  );
}

let csrfFromLogin: string | undefined;

function csrfToken(): string | undefined {
  if (typeof document !== 'undefined') {
    const match = /(?:^|;\s*)patrec_csrf=([^;]*)/.exec(document.cookie);
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  return csrfFromLogin;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function call<T>(
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiFailure(
      0,
      'NETWORK',
      'PatRec could not be reached. Check your connection and try again.',
    );
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return parsed as T;
  throw failureOf(response.status, parsed);
}

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

const segment = encodeURIComponent;

/** The pages people read lists by: the most the gateway answers at once. */
export const PAGE_SIZE = 100;

/** What a whole-list read gathered; `complete` is false when it stopped at its limit. */
export interface Gathered<T> {
  items: T[];
  complete: boolean;
}

/** The most pages a whole-list read (an export, a look-up) follows before it stops. */
export const MAX_PAGES = 50;

/**
 * Follows bookmarks to the last page, or stops after `maxPages` and says so, for what needs
 * a whole list (exports, look-ups); what people read shows a page and "Load more" instead.
 * A page may be empty and still lead on (a directory page of deleted records).
 */
export async function everyPage<T>(
  fetchPage: (bookmark: string) => Promise<Page<T>>,
  maxPages = MAX_PAGES,
): Promise<Gathered<T>> {
  const items: T[] = [];
  let bookmark = '';
  for (let page = 0; page < maxPages; page += 1) {
    const result = await fetchPage(bookmark);
    items.push(...result.items);
    if (!result.bookmark) return { items, complete: true };
    bookmark = result.bookmark;
  }
  return { items, complete: false };
}

export const api = {
  health: () => call<HealthReport>('GET', '/health'),

  signUpPatient: (form: PatientSignUp) => call<CreatedAccount>('POST', '/accounts/patients', form),
  signUpDoctor: (form: DoctorSignUp) => call<CreatedAccount>('POST', '/accounts/doctors', form),
  logIn: async (request: LoginRequest) => {
    const session = await call<SessionInfo>('POST', '/sessions', request);
    csrfFromLogin = session.csrfToken;
    return session;
  },
  logOut: () => call<undefined>('DELETE', '/sessions/current'),
  me: () => call<Me>('GET', '/me'),
  startTotp: (check: Reauthentication) => call<TotpSecret>('POST', '/me/totp', check),
  confirmTotp: (confirmation: z.input<typeof totpConfirmation>) =>
    call<undefined>('POST', '/me/totp/confirm', confirmation),
  editContactDetails: (details: PatientContactDetails) =>
    call<Me>('PUT', '/me/contact-details', details),
  editPublicProfile: (profile: DoctorPublicProfile) =>
    call<Me>('PUT', '/me/public-profile', profile),
  editName: (name: StaffName) => call<Me>('PUT', '/me/name', name),
  changePassword: (change: PasswordChange) => call<PasswordChanged>('PUT', '/me/password', change),
  newRecoveryCodes: (request: Reauthentication) =>
    call<RecoveryCodeSet>('POST', '/me/recovery-codes', request),
  resetPassword: (reset: PasswordReset) =>
    call<PasswordResetDone>('POST', '/accounts/password-resets', reset),

  /** A page of a patient's records; for a doctor, each page is a look-up on the ledger. */
  recordsPage: (patientId: string, bookmark = '', pageSize = PAGE_SIZE) =>
    call<RecordListing>(
      'GET',
      `/patients/${segment(patientId)}/records${query({ pageSize, bookmark })}`,
    ),
  /** `writeKey` names this write: the same key on a retry never adds a second record. */
  createRecord: (patientId: string, content: RecordContent, writeKey: string) =>
    call<RecordSummary>('POST', `/patients/${segment(patientId)}/records`, content, {
      [IDEMPOTENCY_HEADER]: writeKey,
    }),
  patientIdentity: (patientId: string) =>
    call<PatientIdentity>('GET', `/patients/${segment(patientId)}/identity`),
  readRecord: (recordId: string) => call<RecordRead>('GET', `/records/${segment(recordId)}`),
  /** An earlier version, consent-checked and logged like a read of the current one. */
  readRecordVersion: (recordId: string, version: number) =>
    call<RecordRead>('GET', `/records/${segment(recordId)}/versions/${version}`),
  updateRecord: (recordId: string, update: RecordUpdate) =>
    call<RecordSummary>('PUT', `/records/${segment(recordId)}`, update),
  deleteRecord: (recordId: string) => call<undefined>('DELETE', `/records/${segment(recordId)}`),

  consentsPage: (bookmark = '', pageSize = PAGE_SIZE) =>
    call<Page<ConsentView>>('GET', `/consents${query({ pageSize, bookmark })}`),
  everyConsent: () => everyPage((bookmark) => api.consentsPage(bookmark)),
  consent: (consentId: string) => call<ConsentView>('GET', `/consents/${segment(consentId)}`),
  requestAccess: (request: AccessRequest) =>
    call<ConsentView>('POST', '/consents/requests', request),
  grant: (consentId: string, terms: GrantTerms) =>
    call<ConsentView>('POST', `/consents/${segment(consentId)}/grant`, terms),
  reject: (consentId: string) =>
    call<ConsentView>('POST', `/consents/${segment(consentId)}/reject`),
  revoke: (consentId: string) =>
    call<ConsentView>('POST', `/consents/${segment(consentId)}/revoke`),
  share: (share: Share) => call<ConsentView>('POST', '/consents/shares', share),
  emergencyAccess: (declaration: EmergencyDeclaration) =>
    call<ConsentView>('POST', '/emergency-access', declaration),
  emergencyReason: (consentId: string) =>
    call<EmergencyReason>('GET', `/consents/${segment(consentId)}/emergency-reason`),

  accessLogPage: (filter: AccessLogFilter, bookmark = '', pageSize = PAGE_SIZE) =>
    call<Page<AccessLogEntry>>('GET', `/access-log${query({ ...filter, pageSize, bookmark })}`),
  everyAccess: (filter: AccessLogFilter) =>
    everyPage((bookmark) => api.accessLogPage(filter, bookmark)),

  doctorsPage: (
    filter: Pick<DoctorsQuery, 'status' | 'mspId'>,
    bookmark = '',
    pageSize = PAGE_SIZE,
  ) => call<Page<DoctorListing>>('GET', `/doctors${query({ ...filter, pageSize, bookmark })}`),
  doctor: (doctorId: string) => call<DoctorCard>('GET', `/doctors/${segment(doctorId)}`),
  verifyDoctor: (doctorId: string) =>
    call<Participant>('POST', `/doctors/${segment(doctorId)}/verify`),
  suspendDoctor: (doctorId: string) =>
    call<Participant>('POST', `/doctors/${segment(doctorId)}/suspend`),
  participantHistory: (participantId: string) =>
    call<HistoryEntry<Participant>[]>(
      'GET',
      `/audit/participants/${segment(participantId)}/history`,
    ),
  /** An auditor's page of a patient's, a doctor's or the pair's consents, oldest first. */
  auditConsentsPage: (filter: { patientId?: string; doctorId?: string }, bookmark = '') =>
    call<Page<ConsentView>>(
      'GET',
      `/audit/consents${query({ ...filter, pageSize: PAGE_SIZE, bookmark })}`,
    ),
  emergencyGrantsPage: (bookmark = '') =>
    call<Page<ConsentView>>(
      'GET',
      `/audit/emergency-grants${query({ pageSize: PAGE_SIZE, bookmark })}`,
    ),
  consentHistory: (consentId: string) =>
    call<HistoryEntry<Consent>[]>('GET', `/audit/consents/${segment(consentId)}/history`),
  recordHistory: (recordId: string) =>
    call<HistoryEntry<HealthRecord>[]>('GET', `/audit/records/${segment(recordId)}/history`),
  integrityAlerts: (bookmark = '') =>
    call<Page<IntegrityAlert>>(
      'GET',
      `/audit/integrity-alerts${query({ pageSize: 50, bookmark })}`,
    ),
  startIntegritySweep: () => call<IntegritySweep>('POST', '/audit/integrity-sweeps'),
  integritySweep: (sweepId: string) =>
    call<IntegritySweep>('GET', `/audit/integrity-sweeps/${segment(sweepId)}`),
  networkStatus: () => call<NetworkReport>('GET', '/network/status'),
};

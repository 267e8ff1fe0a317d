import type {
  AccessEntry,
  AccessLogFilter,
  Consent,
  CreatedAccount,
  Doctor,
  DoctorStatus,
  Health,
  HistoryEntry,
  IntegrityAlert,
  Me,
  NetworkReport,
  Participant,
  Page,
  Permission,
  Purpose,
  RecordContent,
  RecordDirectory,
  RecordRead,
  RecordSummary,
  Scope,
  SessionUser,
  SweepResult,
} from './types';

/**
 * The browser's client for the gateway API. Every call goes to this origin's /api, which
 * the app forwards to the gateway; the session cookie rides along, and every call that
 * changes something echoes the CSRF cookie in X-CSRF-Token.
 */

/** A refused or failed call, with the gateway's stable code and its words. */
export class ApiFailure extends Error {
  override name = 'ApiFailure';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** Why a read or action was refused: NO_CONSENT, EXPIRED, REVOKED, UNVERIFIED, ROLE, CSRF… */
  get reason(): string | undefined {
    return typeof this.details.reason === 'string' ? this.details.reason : undefined;
  }

  /** The fields the gateway found wrong, by name (`body.firstName` becomes `firstName`). */
  get fieldErrors(): Record<string, string> {
    const fields = Array.isArray(this.details.fields) ? (this.details.fields as unknown[]) : [];
    const errors: Record<string, string> = {};
    for (const entry of fields) {
      if (typeof entry !== 'object' || entry === null) continue;
      const { field, message } = entry as { field?: unknown; message?: unknown };
      if (typeof field !== 'string' || typeof message !== 'string') continue;
      const name = field.replace(/^(body|query|params)\./, '');
      errors[name] ??= message;
    }
    return errors;
  }
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

async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
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
  const error = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } })
    ?.error;
  throw new ApiFailure(
    response.status,
    typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`,
    typeof error?.message === 'string' ? error.message : `the server answered ${response.status}`,
    typeof error?.details === 'object' && error.details !== null
      ? (error.details as Record<string, unknown>)
      : {},
  );
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

/** Follows bookmarks until the last page (or `maxPages`), for lists people read whole. */
async function allPages<T>(
  fetchPage: (bookmark: string) => Promise<Page<T>>,
  maxPages = 20,
): Promise<T[]> {
  const items: T[] = [];
  let bookmark = '';
  for (let page = 0; page < maxPages; page += 1) {
    const result = await fetchPage(bookmark);
    items.push(...result.items);
    if (!result.bookmark || result.items.length === 0) break;
    bookmark = result.bookmark;
  }
  return items;
}

export interface PatientSignUp {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  address: string;
  city: string;
  state: string;
  country: string;
  email: string;
  password: string;
  hospital?: string;
}

export interface DoctorSignUp {
  firstName: string;
  lastName: string;
  specialty: string;
  hospital: string;
  qualification: string;
  clinicAddress: string;
  branch: string;
  phone: string;
  schedule: { day: string; from: string; to: string }[];
  email: string;
  password: string;
}

export interface AccessRequest {
  patientId: string;
  scope: Scope;
  permission: Permission;
  purpose: Purpose;
  durationDays: number;
}

export interface GrantTerms {
  scope?: Scope;
  permission?: Permission;
  durationDays?: number;
}

export const api = {
  health: () => call<Health>('GET', '/health'),

  signUpPatient: (form: PatientSignUp) => call<CreatedAccount>('POST', '/accounts/patients', form),
  signUpDoctor: (form: DoctorSignUp) => call<CreatedAccount>('POST', '/accounts/doctors', form),
  logIn: async (login: string, password: string, totp?: string) => {
    const session = await call<{ user: SessionUser; csrfToken: string }>('POST', '/sessions', {
      login,
      password,
      ...(totp ? { totp } : {}),
    });
    csrfFromLogin = session.csrfToken;
    return session;
  },
  logOut: () => call<undefined>('DELETE', '/sessions/current'),
  me: () => call<Me>('GET', '/me'),
  startTotp: () => call<{ secret: string; uri: string }>('POST', '/me/totp'),
  confirmTotp: (code: string) => call<undefined>('POST', '/me/totp/confirm', { code }),

  records: (patientId: string) =>
    call<{ records: RecordSummary[] } | RecordDirectory>(
      'GET',
      `/patients/${segment(patientId)}/records`,
    ),
  createRecord: (patientId: string, content: RecordContent) =>
    call<RecordSummary>('POST', `/patients/${segment(patientId)}/records`, content),
  readRecord: (recordId: string) => call<RecordRead>('GET', `/records/${segment(recordId)}`),
  updateRecord: (recordId: string, expectedVersion: number, content: RecordContent) =>
    call<RecordSummary>('PUT', `/records/${segment(recordId)}`, { expectedVersion, content }),
  deleteRecord: (recordId: string) => call<undefined>('DELETE', `/records/${segment(recordId)}`),

  consents: () =>
    allPages((bookmark) =>
      call<Page<Consent>>('GET', `/consents${query({ pageSize: 100, bookmark })}`),
    ),
  consent: (consentId: string) => call<Consent>('GET', `/consents/${segment(consentId)}`),
  requestAccess: (request: AccessRequest) => call<Consent>('POST', '/consents/requests', request),
  grant: (consentId: string, terms: GrantTerms) =>
    call<Consent>('POST', `/consents/${segment(consentId)}/grant`, terms),
  reject: (consentId: string) => call<Consent>('POST', `/consents/${segment(consentId)}/reject`),
  revoke: (consentId: string) => call<Consent>('POST', `/consents/${segment(consentId)}/revoke`),
  share: (share: {
    doctorId: string;
    scope: Scope;
    permission: Permission;
    durationDays: number;
  }) => call<Consent>('POST', '/consents/shares', share),
  emergencyAccess: (patientId: string, reason: string) =>
    call<Consent>('POST', '/emergency-access', { patientId, reason }),

  accessLogPage: (filter: AccessLogFilter, bookmark = '', pageSize = 100) =>
    call<Page<AccessEntry>>('GET', `/access-log${query({ ...filter, pageSize, bookmark })}`),
  accessLog: (filter: AccessLogFilter) =>
    allPages((bookmark) => api.accessLogPage(filter, bookmark)),

  doctors: (status: DoctorStatus) =>
    call<Doctor[] | { items: Doctor[] } | { doctors: Doctor[] }>(
      'GET',
      `/doctors${query({ status })}`,
    ).then((answer) =>
      Array.isArray(answer) ? answer : 'items' in answer ? answer.items : answer.doctors,
    ),
  doctor: (doctorId: string) => call<Doctor>('GET', `/doctors/${segment(doctorId)}`),
  verifyDoctor: (doctorId: string) => call<unknown>('POST', `/doctors/${segment(doctorId)}/verify`),
  suspendDoctor: (doctorId: string) =>
    call<unknown>('POST', `/doctors/${segment(doctorId)}/suspend`),
  participantHistory: (participantId: string) =>
    call<HistoryEntry<Participant>[]>(
      'GET',
      `/audit/participants/${segment(participantId)}/history`,
    ),
  consentHistory: (consentId: string) =>
    call<HistoryEntry<Consent>[]>('GET', `/audit/consents/${segment(consentId)}/history`),
  recordHistory: (recordId: string) =>
    call<
      HistoryEntry<
        RecordSummary & { contentHash?: string; createdBy?: string; updatedBy?: string }
      >[]
    >('GET', `/audit/records/${segment(recordId)}/history`),
  integrityAlerts: () => call<{ items: IntegrityAlert[] }>('GET', '/audit/integrity-alerts'),
  integritySweep: () => call<SweepResult>('POST', '/audit/integrity-sweep'),
  networkStatus: () => call<NetworkReport>('GET', '/network/status'),
};

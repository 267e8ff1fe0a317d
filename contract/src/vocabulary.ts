/**
 * The words PatRec's parts share: every enumeration that crosses a boundary between the
 * chaincode, the gateway and the web. Plain constants (no dependencies), so the chaincode
 * can use them without growing its package.
 */

export const ROLES = ['patient', 'doctor', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Patients and doctors: the people who register on the ledger. */
export const PARTICIPANT_ROLES = ['patient', 'doctor'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const DOCTOR_STATUSES = ['UNVERIFIED', 'VERIFIED', 'SUSPENDED'] as const;
export type DoctorStatus = (typeof DOCTOR_STATUSES)[number];
/** Patients are ACTIVE from registration; doctors move between the doctor statuses. */
export const PARTICIPANT_STATUSES = ['ACTIVE', ...DOCTOR_STATUSES] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export const CATEGORIES = [
  'general-medicine',
  'clinical-results',
  'cardiac',
  'dermatology',
  'dentistry',
  'document',
] as const;
export type Category = (typeof CATEGORIES)[number];
/** The categories entered through a clinical form (the rest are uploads). */
export type FormCategory = Exclude<Category, 'document'>;

export const RECORD_STATUSES = ['ACTIVE', 'DELETED'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

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
/** A consent's status at the time of a query: a grant past its expiry reads EXPIRED. */
export const EFFECTIVE_CONSENT_STATUSES = [...CONSENT_STATUSES, 'EXPIRED'] as const;
export type EffectiveConsentStatus = (typeof EFFECTIVE_CONSENT_STATUSES)[number];

/** How a consent began: a doctor's request, the patient's own share, or an emergency. */
export const CONSENT_ORIGINS = ['request', 'share', 'emergency'] as const;
export type ConsentOrigin = (typeof CONSENT_ORIGINS)[number];

/** A read of a record's content, or a look at a patient's record directory. */
export const ACCESS_KINDS = ['record', 'directory'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** A patient's sex for administrative purposes, in FHIR's words (AdministrativeGender). */
export const ADMINISTRATIVE_GENDERS = ['female', 'male', 'other', 'unknown'] as const;
export type AdministrativeGender = (typeof ADMINISTRATIVE_GENDERS)[number];

/** How an access ended, in FHIR AuditEvent's words: served, or refused ("minor failure"). */
export const ACCESS_OUTCOMES = ['success', 'minor-failure'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];
/**
 * Refused attempts the ledger records per person per hour (UTC); past it they are refused
 * but not recorded, and the gateway stops carrying that person's reads until the hour ends,
 * so refusals cannot be used to flood the ledger.
 */
export const MAX_RECORDED_REFUSALS_PER_HOUR = 20;

export const MIN_GRANT_SECONDS = 60;
export const MAX_GRANT_SECONDS = 365 * 24 * 3600;
export const MAX_EMERGENCY_SECONDS = 24 * 3600;
/**
 * Emergencies one doctor may declare per day (UTC): enough for a hard shift, few enough that
 * emergency access cannot become a way around patients' decisions.
 */
export const MAX_EMERGENCIES_PER_DAY = 3;
/** A record scope names at most this many records. */
export const MAX_SCOPE_RECORDS = 100;

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Consents last whole days at the API (seconds on the ledger). */
export const MIN_GRANT_DAYS = 1;
export const MAX_GRANT_DAYS = 365;
/** An emergency's stated reason: long enough to mean something, kept off-chain. */
export const EMERGENCY_REASON_LENGTH = { min: 10, max: 2000 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;
export type BloodGroup = (typeof BLOOD_GROUPS)[number];

/**
 * The units a person measures weight and height in: pounds and feet, or kilograms and
 * centimetres. Each person chooses theirs; a record keeps the units it was entered in.
 */
export const UNIT_SYSTEMS = ['imperial', 'metric'] as const;
export type UnitSystem = (typeof UNIT_SYSTEMS)[number];

/** What may be uploaded: the content types a browser can show safely, at most 5 MiB. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

import type {
  AccessRefusal,
  AdministrativeGender,
  Category,
  ConsentView,
  Permission,
  Purpose,
  Scope,
  Weekday,
} from '@patrec/contract';

/** How the app names things to people. */

export const categoryLabel: Record<Category, string> = {
  'general-medicine': 'General medicine',
  'clinical-results': 'Clinical results',
  cardiac: 'Cardiac',
  dermatology: 'Dermatology',
  dentistry: 'Dentistry',
  document: 'Document',
};

export const purposeLabel: Record<Purpose, string> = {
  treatment: 'Treatment',
  diagnosis: 'Diagnosis',
  'second-opinion': 'Second opinion',
  referral: 'Referral',
  'follow-up': 'Follow-up',
  research: 'Research',
};

/** In the order a week is shown; the keys are also the order of the schedule's days. */
export const weekdayLabel: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export const permissionLabel: Record<Permission, string> = {
  read: 'Read only',
  'read-write': 'Read and add/update',
};

/** Said wherever a patient gives access: a grant shows the doctor who the patient is. */
export const identitySharedNote =
  'While access lasts, the doctor also sees your name, date of birth and sex, so that they know the records are yours.';

export const sexLabel: Record<AdministrativeGender, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Not stated',
};

/** Why the ledger refused a recorded attempt on a record, as a reason after "refused:". */
export const refusalLabel: Record<AccessRefusal, string> = {
  NO_CONSENT: 'no grant of the patient covered this record',
  REVOKED: 'the patient had revoked the grant',
  EXPIRED: 'the grant had expired',
  UNVERIFIED: 'their hospital had not verified them yet',
  SUSPENDED: 'their hospital had suspended them',
  NOT_REGISTERED: 'they are not registered on the ledger',
  WRONG_HOSPITAL: 'they belong to another hospital',
  NOT_YOURS: 'the record is not theirs',
  ROLE: 'their role may not read records',
  CERTIFICATE: 'their certificate lacks PatRec’s attributes',
  SIGNATURE: 'the read was not signed with their key',
  EMERGENCY_LIMIT: 'they had declared as many emergencies that day as one may',
  NOT_FOUND: 'no such record exists',
};

export function scopeText(scope: Scope): string {
  if ('all' in scope) return 'All records';
  if ('categories' in scope) return scope.categories.map((c) => categoryLabel[c]).join(', ');
  return scope.records.length === 1
    ? `Record ${scope.records[0]}`
    : `Records ${scope.records.join(', ')}`;
}

/** A scope inside a sentence: "all your records", "your cardiac records", "record PAT1REC0". */
export function scopePhrase(scope: Scope): string {
  if ('all' in scope) return 'all your records';
  if ('categories' in scope) {
    return `your ${scope.categories.map((c) => categoryLabel[c].toLowerCase()).join(', ')} records`;
  }
  return `${scope.records.length === 1 ? 'record' : 'records'} ${scope.records.join(', ')}`;
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

const moment = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const calendarDay = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A calendar date (YYYY-MM-DD, such as a birth date), the same day wherever it is shown. */
export const formatCalendarDate = (date: string) => calendarDay.format(new Date(`${date}T00:00Z`));

/** Whole years from a birth date (YYYY-MM-DD) to `today`. */
export function ageOn(birthDate: string, today = new Date()): number {
  const [year = 0, month = 0, day = 0] = birthDate.split('-').map(Number);
  const birthdayPassed =
    today.getUTCMonth() + 1 > month ||
    (today.getUTCMonth() + 1 === month && today.getUTCDate() >= day);
  return today.getUTCFullYear() - year - (birthdayPassed ? 0 : 1);
}

export const formatDateTime = (iso: string | null | undefined) =>
  iso ? dateTime.format(new Date(iso)) : '—';
/** To the second: for logs and ledger histories, where order within a minute matters. */
export const formatMoment = (iso: string | null | undefined) =>
  iso ? moment.format(new Date(iso)) : '—';
export const formatDate = (iso: string | null | undefined) =>
  iso ? dateOnly.format(new Date(iso)) : '—';

export function durationText(seconds: number): string {
  const days = seconds / 86_400;
  if (days >= 1 && Number.isInteger(days)) return days === 1 ? '1 day' : `${days} days`;
  const hours = Math.round(seconds / 3600);
  if (hours >= 1) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${Math.round(seconds / 60)} minutes`;
}

/** A consent's status right now, in one word people read at a glance. */
export function consentState(
  consent: ConsentView,
): 'pending' | 'active' | 'expired' | 'rejected' | 'revoked' {
  switch (consent.effectiveStatus) {
    case 'PENDING':
      return 'pending';
    case 'GRANTED':
      return consent.expiresAt && Date.parse(consent.expiresAt) <= Date.now()
        ? 'expired'
        : 'active';
    case 'EXPIRED':
      return 'expired';
    case 'REJECTED':
      return 'rejected';
    case 'REVOKED':
      return 'revoked';
  }
}

export const shortId = (id: string, keep = 10) =>
  id.length > keep + 3 ? `${id.slice(0, keep)}…` : id;

/** "hospitalb" or "HospitalB" reads "Hospital B"; other names stay as they are. */
export function hospitalLabel(key: string | null | undefined): string {
  if (!key) return 'unknown hospital';
  const match = /^hospital([a-z0-9]+)$/i.exec(key);
  return match?.[1] ? `Hospital ${match[1].toUpperCase()}` : key;
}

/** A value from the gateway as text: scalars as they are, anything else as JSON. */
export function plainText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

import { z } from 'zod';
import * as f from '../fields.js';
import { calendarDate } from '../forms/fields.js';
import { ADMINISTRATIVE_GENDERS, MIN_PASSWORD_LENGTH, WEEKDAYS } from '../vocabulary.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/** A birth date: a real one, from 1900-01-01 up to today. */
const birthDate = calendarDate({ upToToday: true }).schema;

const newPassword = z.string().min(MIN_PASSWORD_LENGTH).max(128);

const credentials = {
  email: z.email().max(254),
  password: newPassword,
};

/** A password as typed at log-in: any length a new one may have had. */
const givenPassword = z.string().min(1).max(128);

const totpCode = z.string().regex(/^\d{6}$/, 'six digits');

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number');

export const patientSignUp = z.strictObject({
  firstName: text(100),
  lastName: text(100),
  dateOfBirth: birthDate,
  /** Shown, with the name and birth date, to doctors the patient grants access. */
  sex: z.enum(ADMINISTRATIVE_GENDERS).default('unknown'),
  address: text(200),
  city: text(100),
  state: text(100),
  country: text(100),
  ...credentials,
  /** The hospital whose CA enrols the patient; the first one when left out. */
  hospital: z.string().max(50).optional(),
});
export type PatientSignUp = z.input<typeof patientSignUp>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

/** One weekly working period of a doctor. */
export const workingHours = z
  .strictObject({ day: z.enum(WEEKDAYS), from: clock, to: clock })
  .refine((hours) => hours.from < hours.to, {
    message: 'a time after the start time',
    path: ['to'],
  });
export type WorkingHours = z.infer<typeof workingHours>;

export const doctorSignUp = z.strictObject({
  firstName: text(100),
  lastName: text(100),
  specialty: text(100),
  hospital: z.string().min(1).max(50),
  qualification: text(200),
  clinicAddress: text(200),
  branch: text(100),
  phone,
  schedule: z.array(workingHours).max(21),
  ...credentials,
});
export type DoctorSignUp = z.input<typeof doctorSignUp>;

const login = z.string().trim().min(1).max(254);

export const loginRequest = z.strictObject({
  login,
  password: givenPassword,
  totp: totpCode.optional(),
});
export type LoginRequest = z.input<typeof loginRequest>;

export const totpConfirmation = z.strictObject({ code: totpCode });

/** An authenticator secret, shown once, and its otpauth URI. */
export const totpSecret = z.object({ secret: z.string(), uri: z.string() });
export type TotpSecret = z.infer<typeof totpSecret>;

/** How many one-time recovery codes a set holds. */
export const RECOVERY_CODE_COUNT = 8;

export const createdAccount = z.object({
  id: z.string(),
  totp: totpSecret.optional(),
  /** One-time codes that reset a forgotten password; shown only this once. */
  recoveryCodes: z.array(z.string()).optional(),
});
export type CreatedAccount = z.infer<typeof createdAccount>;

export const sessionUser = z.object({ id: z.string(), role: f.role, hospital: z.string() });
export type SessionUser = z.infer<typeof sessionUser>;

export const sessionInfo = z.object({ user: sessionUser, csrfToken: z.string() });
export type SessionInfo = z.infer<typeof sessionInfo>;

/** The logged-in person's account; `profile` is what they gave at sign-up. */
export const me = sessionUser.extend({
  email: z.string(),
  createdAt: z.string(),
  totpEnabled: z.boolean(),
  /** Unspent recovery codes; 0 when the person has made none. */
  recoveryCodesLeft: z.number().int().min(0),
  profile: z.record(z.string(), z.unknown()),
});
export type Me = z.infer<typeof me>;

/**
 * What a patient may change of their profile: where they live and how to reach them. Name,
 * birth date and sex are how doctors they grant access know who they are, so they are not
 * edited here. An empty phone removes it.
 */
export const patientContactDetails = z.strictObject({
  address: patientSignUp.shape.address,
  city: patientSignUp.shape.city,
  state: patientSignUp.shape.state,
  country: patientSignUp.shape.country,
  phone: z
    .string()
    .trim()
    .regex(/^(\+?[0-9 ()-]{6,20})?$/, 'a phone number, or nothing')
    .optional(),
});
export type PatientContactDetails = z.input<typeof patientContactDetails>;

/** What patients and admins see of a doctor, which the doctor keeps up to date. */
export const doctorPublicProfile = z.strictObject({
  specialty: doctorSignUp.shape.specialty,
  qualification: doctorSignUp.shape.qualification,
  clinicAddress: doctorSignUp.shape.clinicAddress,
  branch: doctorSignUp.shape.branch,
  phone,
  schedule: doctorSignUp.shape.schedule,
});
export type DoctorPublicProfile = z.input<typeof doctorPublicProfile>;

/** An admin's or auditor's name. */
export const staffName = z.strictObject({ firstName: text(100), lastName: text(100) });
export type StaffName = z.input<typeof staffName>;

/** A new password, given with the current one (and, for staff, an authenticator code). */
export const passwordChange = z.strictObject({
  currentPassword: givenPassword,
  newPassword,
  totp: totpCode.optional(),
});
export type PasswordChange = z.input<typeof passwordChange>;

export const passwordChanged = z.object({
  /** Sessions of the account on other devices, now logged out. */
  otherSessionsEnded: z.number().int().min(0),
});
export type PasswordChanged = z.infer<typeof passwordChanged>;

/** A recovery code as people type it: case, spaces and dashes do not matter. */
const recoveryCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z -]{12,24}$/, 'a recovery code such as K7QM-3XZP-9WCD');

/** A forgotten password replaced with one of the account's recovery codes, which it spends. */
export const passwordReset = z.strictObject({ login, recoveryCode, newPassword });
export type PasswordReset = z.input<typeof passwordReset>;

export const passwordResetDone = z.object({ recoveryCodesLeft: z.number().int().min(0) });
export type PasswordResetDone = z.infer<typeof passwordResetDone>;

/**
 * The password again (and the authenticator code, where the account has one): what making
 * new recovery codes or a new authenticator secret takes, so a stolen session cannot.
 */
export const reauthentication = z.strictObject({
  password: givenPassword,
  totp: totpCode.optional(),
});
export type Reauthentication = z.input<typeof reauthentication>;

/** A new set of recovery codes, shown only this once; the set before it is void. */
export const recoveryCodeSet = z.object({ codes: z.array(z.string()), createdAt: z.string() });
export type RecoveryCodeSet = z.infer<typeof recoveryCodeSet>;

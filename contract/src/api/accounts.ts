import { z } from 'zod';
import * as f from '../fields.js';
import { calendarDate } from '../forms/fields.js';
import { ADMINISTRATIVE_GENDERS, MIN_PASSWORD_LENGTH, WEEKDAYS } from '../vocabulary.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/** A birth date: a real one, from 1900-01-01 up to today. */
const birthDate = calendarDate({ upToToday: true }).schema;

const credentials = {
  email: z.email().max(254),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(128),
};

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
  phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number'),
  schedule: z.array(workingHours).max(21),
  ...credentials,
});
export type DoctorSignUp = z.input<typeof doctorSignUp>;

export const loginRequest = z.strictObject({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(128),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'six digits')
    .optional(),
});
export type LoginRequest = z.input<typeof loginRequest>;

export const totpConfirmation = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'six digits') });

/** An authenticator secret, shown once, and its otpauth URI. */
export const totpSecret = z.object({ secret: z.string(), uri: z.string() });
export type TotpSecret = z.infer<typeof totpSecret>;

export const createdAccount = z.object({ id: z.string(), totp: totpSecret.optional() });
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
  profile: z.record(z.string(), z.unknown()),
});
export type Me = z.infer<typeof me>;

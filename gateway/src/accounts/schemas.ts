import { z } from 'zod';
import { minimumPasswordLength } from './password.js';

const text = (max: number) => z.string().trim().min(1).max(max);

const pastDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return (
      !Number.isNaN(date.getTime()) &&
      date.toISOString().startsWith(value) &&
      date.getTime() < Date.now()
    );
  }, 'a real date in the past');

const credentials = {
  email: z.email().max(254),
  password: z.string().min(minimumPasswordLength).max(128),
};

export const patientSignUp = z.strictObject({
  firstName: text(100),
  lastName: text(100),
  dateOfBirth: pastDate,
  address: text(200),
  city: text(100),
  state: text(100),
  country: text(100),
  ...credentials,
  /** The hospital whose CA enrols the patient; the first one when left out. */
  hospital: z.string().max(50).optional(),
});

const day = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

export const doctorSignUp = z.strictObject({
  firstName: text(100),
  lastName: text(100),
  specialty: text(100),
  hospital: z.string().min(1).max(50),
  qualification: text(200),
  clinicAddress: text(200),
  branch: text(100),
  phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number'),
  schedule: z
    .array(
      z
        .strictObject({ day, from: clock, to: clock })
        .refine((s) => s.from < s.to, 'from before to'),
    )
    .max(21),
  ...credentials,
});

export const loginRequest = z.strictObject({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(128),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'six digits')
    .optional(),
});

export const totpConfirmation = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'six digits') });

export const createdAccount = z.object({
  id: z.string(),
  totp: z.object({ secret: z.string(), uri: z.string() }).optional(),
});

export const sessionInfo = z.object({
  user: z.object({ id: z.string(), role: z.string(), hospital: z.string() }),
  csrfToken: z.string(),
});

export const me = z.object({
  id: z.string(),
  role: z.string(),
  hospital: z.string(),
  email: z.string(),
  createdAt: z.string(),
  totpEnabled: z.boolean(),
  profile: z.record(z.string(), z.unknown()),
});

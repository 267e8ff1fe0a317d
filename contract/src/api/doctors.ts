import { z } from 'zod';
import * as f from '../fields.js';
import { pageQuery } from './common.js';
import { workingHours } from './accounts.js';

/** What anyone logged in may know of a doctor: name, specialty, hospital, clinic, schedule. */
export const doctorCard = z.object({
  id: f.doctorId,
  name: z.string(),
  specialty: z.string(),
  /** The hospital's key (hospitala) and its name (HospitalA). */
  hospital: z.string(),
  hospitalName: z.string(),
  qualification: z.string(),
  clinicAddress: z.string(),
  branch: z.string(),
  schedule: z.array(workingHours),
});
export type DoctorCard = z.infer<typeof doctorCard>;

/** A doctor in a hospital admin's (or an auditor's) list: the card and the ledger status. */
export const doctorListing = doctorCard.extend({
  status: f.doctorStatus,
  registeredAt: f.ledgerTime,
});
export type DoctorListing = z.infer<typeof doctorListing>;

export const doctorsQuery = pageQuery.extend({
  status: f.doctorStatus.optional(),
  /** Auditors name the hospital; an admin always sees their own. */
  mspId: f.mspId.optional(),
});
export type DoctorsQuery = z.infer<typeof doctorsQuery>;

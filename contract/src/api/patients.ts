import { z } from 'zod';
import * as f from '../fields.js';
import { ADMINISTRATIVE_GENDERS } from '../vocabulary.js';

/**
 * Who a patient is, for a doctor holding a grant from them: enough to be sure the records
 * on screen are this person's (name, birth date, sex), and the grant it is shown under.
 */
export const patientIdentity = z.object({
  patientId: f.patientId,
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  sex: z.enum(ADMINISTRATIVE_GENDERS),
  consentId: f.consentId,
});
export type PatientIdentity = z.infer<typeof patientIdentity>;

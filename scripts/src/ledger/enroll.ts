import { HospitalCa, type EnrolledIdentity } from '../../../gateway/src/identity/hospital-ca.js';
import { hospitalProfile } from '../services/network-profile.js';
import type { HospitalConfig } from '../config/network-config.js';

export type { EnrolledIdentity };

/** A PatRec person as the CA enrols them: the role and PatRec ID go into the certificate. */
export interface PersonRequest {
  role: 'patient' | 'doctor' | 'admin' | 'auditor';
  /** Also the enrolment ID at the CA, so it must be new there. */
  patrecId: string;
}

/**
 * Registers and enrols a person at their hospital's CA with the gateway's own code, signed
 * by the CA's registrar that `npm start` enrolled.
 */
export function enrollPerson(
  org: HospitalConfig,
  person: PersonRequest,
): Promise<EnrolledIdentity> {
  return new HospitalCa(hospitalProfile(org)).enroll(person.patrecId, person.role);
}

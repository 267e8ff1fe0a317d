import { doctorPublicProfile, patientContactDetails, staffName } from '@patrec/contract';
import type { z } from 'zod';
import type { Role } from '../http/route.js';

/**
 * What each role may edit of their own profile. A patient's name, birth date and sex are
 * left out: doctors they grant access know them by those, so they are not the patient's to
 * change alone. A doctor's name is what their admin verified.
 */
export const editableProfile = {
  patient: patientContactDetails,
  doctor: doctorPublicProfile,
  admin: staffName,
  auditor: staffName,
} satisfies Record<Role, z.ZodObject>;

/**
 * The profile with the edited fields replaced: every field the role may edit takes the
 * edit's value, and one left out or left empty (a patient's phone) is removed; fields the
 * role may not edit stay as they were.
 */
export function editedProfile(
  role: Role,
  profile: Readonly<Record<string, unknown>>,
  edit: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const edited = { ...profile };
  for (const field of Object.keys(editableProfile[role].shape)) {
    const value = edit[field];
    if (value === undefined || value === '') delete edited[field];
    else edited[field] = value;
  }
  return edited;
}

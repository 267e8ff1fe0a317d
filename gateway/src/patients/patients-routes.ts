import { fields, patientIdentity } from '@patrec/contract';
import { z } from 'zod';
import { route, type Route } from '../http/route.js';
import type { PatientIdentities } from './patient-identities.js';

const ofPatient = z.object({ patientId: fields.patientId });

/** What a doctor may know of who a patient is. */
export function patientsRoutes(identities: PatientIdentities): Route[] {
  return [
    route({
      method: 'get',
      path: '/patients/:patientId/identity',
      summary:
        "A patient's name, birth date and sex, for a doctor holding a grant from them now (403 NO_CONSENT before)",
      tag: 'records',
      access: ['doctor'],
      params: ofPatient,
      response: patientIdentity,
      errors: [404, 503],
      handler: ({ session, params }) => identities.forDoctor(session!.userId, params.patientId),
    }),
  ];
}

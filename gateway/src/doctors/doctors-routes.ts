import {
  doctorCard,
  doctorListing,
  doctorsQuery,
  fields,
  participant,
  type DoctorListing,
} from '@patrec/contract';
import { z } from 'zod';
import type { SessionStore } from '../accounts/session-store.js';
import { ApiError } from '../http/api-error.js';
import { route, type Route } from '../http/route.js';
import { invalidField } from '../http/validate.js';
import type { Ledger } from '../ledger/ledger.js';
import type { DoctorCards } from './doctor-cards.js';

const ofDoctor = z.object({ doctorId: fields.doctorId });

/**
 * The doctor directory and verification: one doctor's card for everyone, the hospital's
 * list for its admin (auditors name the hospital), and the admin's verify and suspend (which
 * logs the doctor out everywhere).
 */
export function doctorsRoutes(
  ledger: Ledger,
  cards: DoctorCards,
  sessions: SessionStore,
  mspOf: (hospital: string) => string,
): Route[] {
  return [
    route({
      method: 'get',
      path: '/doctors',
      summary: "My hospital's doctors by status (admins), or any hospital's (auditors, with mspId)",
      tag: 'doctors',
      access: ['admin', 'auditor'],
      query: doctorsQuery,
      response: fields.pageOf(doctorListing),
      errors: [503],
      handler: async ({ session, query }) => {
        const mspId = session!.role === 'admin' ? mspOf(session!.hospital) : query.mspId;
        if (!mspId) {
          throw invalidField('query.mspId', "the hospital's MSP ID, such as HospitalAMSP");
        }
        const page = await ledger.as(session!.userId, (client) =>
          client.participants.listDoctors({
            mspId,
            status: query.status,
            pageSize: query.pageSize,
            bookmark: query.bookmark,
          }),
        );
        const items = await Promise.all(
          page.items.map(async (doctor): Promise<DoctorListing> => ({
            ...((await cards.of(doctor.participantId)) ??
              cards.unknown(doctor.participantId, doctor.mspId)),
            // A doctor's status is always one of the doctor statuses; anything else is a bug.
            status: fields.doctorStatus.parse(doctor.status),
            registeredAt: doctor.registeredAt,
          })),
        );
        return { items, bookmark: page.bookmark };
      },
    }),
    route({
      method: 'get',
      path: '/doctors/:doctorId',
      summary: "A doctor's name, specialty, hospital, clinic and schedule",
      tag: 'doctors',
      access: 'authenticated',
      params: ofDoctor,
      response: doctorCard,
      errors: [404],
      handler: async ({ params }) => {
        const card = await cards.of(params.doctorId);
        if (!card) throw new ApiError('NOT_FOUND', `no doctor ${params.doctorId}`);
        return card;
      },
    }),
    ...(['verify', 'suspend'] as const).map((action) =>
      route({
        method: 'post',
        path: `/doctors/:doctorId/${action}`,
        summary:
          action === 'verify'
            ? 'Verify a doctor of my hospital'
            : 'Suspend a doctor of my hospital: their sessions and live notices end at once',
        tag: 'doctors',
        access: ['admin'],
        params: ofDoctor,
        response: participant,
        errors: [404, 409, 503],
        handler: async ({ session, params }) => {
          if (action === 'verify') {
            return ledger.as(session!.userId, (client) => client.participants.verifyDoctor(params));
          }
          const suspended = await ledger.as(session!.userId, (client) =>
            client.participants.suspendDoctor(params),
          );
          await sessions.endAllOf(params.doctorId);
          return suspended;
        },
      }),
    ),
  ];
}

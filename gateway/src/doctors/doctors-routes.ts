import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import { route, type Route } from '../http/route.js';
import type { Ledger } from '../ledger/ledger.js';
import type { DoctorCards } from './doctor-cards.js';

const doctorId = z.string().regex(/^DOC\d{1,12}$/, 'a doctor ID such as DOC140');

interface Participant {
  participantId: string;
  mspId: string;
  status: string;
  registeredAt: string;
}

/** The doctor directory: one doctor's card for everyone, the hospital's list for its admin. */
export function doctorsRoutes(
  ledger: Ledger,
  cards: DoctorCards,
  mspOf: (hospital: string) => string,
): Route[] {
  return [
    route({
      method: 'get',
      path: '/doctors',
      summary: "My hospital's doctors by status (admins), or any hospital's (auditors, with mspId)",
      tag: 'doctors',
      access: ['admin', 'auditor'],
      query: z.strictObject({
        status: z.enum(['UNVERIFIED', 'VERIFIED', 'SUSPENDED']).optional(),
        mspId: z
          .string()
          .regex(/^[A-Za-z0-9.-]{1,64}$/)
          .optional(),
        pageSize: z.coerce.number().int().min(1).max(100).default(50),
        bookmark: z
          .string()
          .max(500)
          .regex(/^[A-Za-z0-9_-]*$/)
          .default(''),
      }),
      errors: [503],
      handler: async ({ session, query }) => {
        const msp = session!.role === 'admin' ? mspOf(session!.hospital) : query.mspId;
        if (!msp)
          throw new ApiError('INVALID_ARGUMENT', 'query.mspId: which hospital (e.g. HospitalAMSP)');
        const page = await ledger.as(
          session!.userId,
          async (c) =>
            JSON.parse(
              await c.evaluate(
                'participants:ListDoctors',
                msp,
                query.status ?? '',
                String(query.pageSize),
                query.bookmark,
              ),
            ) as { items: Participant[]; bookmark: string },
        );
        const items = await Promise.all(
          page.items.map(async (p) => ({
            ...(await cards.of(p.participantId)),
            id: p.participantId,
            status: p.status,
            registeredAt: p.registeredAt,
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
      params: z.object({ doctorId }),
      errors: [404],
      handler: async ({ params }) => {
        const card = await cards.of(params.doctorId);
        if (!card) throw new ApiError('NOT_FOUND', `no doctor ${params.doctorId}`);
        return card;
      },
    }),
  ];
}

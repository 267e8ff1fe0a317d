import { createHash, randomBytes } from 'node:crypto';
import type { Collection } from 'mongodb';
import { z } from 'zod';
import type { DataKeys } from '../crypto/data-keys.js';
import { open, seal } from '../crypto/envelope.js';
import { fromStored, type StoredSealed } from '../crypto/stored.js';
import { ApiError } from '../http/api-error.js';
import { route, type Route } from '../http/route.js';
import type { Ledger } from '../ledger/ledger.js';
import { patientId, recordId } from '../records/records-routes.js';
import type { DoctorCards } from '../doctors/doctor-cards.js';

const doctorId = z.string().regex(/^DOC\d{1,12}$/, 'a doctor ID such as DOC140');
const consentId = z.string().regex(/^CON[0-9a-f]{64}$/, 'a consent ID (CON and 64 hex digits)');
const category = z.enum([
  'general-medicine',
  'clinical-results',
  'cardiac',
  'dermatology',
  'dentistry',
  'document',
]);
const scope = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ categories: z.array(category).min(1).max(6) }),
  z.strictObject({ records: z.array(recordId).min(1).max(100) }),
]);
const permission = z.enum(['read', 'read-write']);
const purpose = z.enum([
  'treatment',
  'diagnosis',
  'second-opinion',
  'referral',
  'follow-up',
  'research',
]);
/** Durations in days at the API, seconds on the ledger. */
const durationDays = z.number().int().min(1).max(365);
const page = z.strictObject({
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  bookmark: z
    .string()
    .max(500)
    .regex(/^[A-Za-z0-9_-]*$/)
    .default(''),
});
const seconds = (days: number | undefined) => (days === undefined ? '' : String(days * 86_400));

/** The reason a doctor gave for emergency access: kept off-chain, sealed, its hash on chain. */
export interface EmergencyReason {
  _id: string;
  patientId: string;
  doctorId: string;
  consentId: string | null;
  reasonHash: string;
  sealed: StoredSealed;
  createdAt: Date;
}

export interface ConsentsDependencies {
  ledger: Ledger;
  /** Names the doctors in access histories. */
  cards: DoctorCards;
  dataKeys: DataKeys;
  reasons: Collection<EmergencyReason>;
}

/** Requests, decisions, shares, revocations, emergencies and the access log. */
export function consentsRoutes({
  ledger,
  cards,
  dataKeys,
  reasons,
}: ConsentsDependencies): Route[] {
  return [
    route({
      method: 'post',
      path: '/consents/requests',
      summary: 'Ask a patient for access (verified doctors)',
      tag: 'consents',
      access: ['doctor'],
      body: z.strictObject({ patientId, scope, permission, purpose, durationDays }),
      status: 201,
      errors: [404, 409, 422, 503],
      handler: ({ session, body }) =>
        ledger.submitAs(
          session!.userId,
          'consents:RequestAccess',
          body.patientId,
          JSON.stringify(body.scope),
          body.permission,
          body.purpose,
          seconds(body.durationDays),
        ),
    }),
    route({
      method: 'get',
      path: '/consents',
      summary: 'My consents: all of a patient’s, or a doctor’s own requests and grants',
      tag: 'consents',
      access: ['patient', 'doctor'],
      query: page,
      errors: [503],
      handler: ({ session, query }) =>
        ledger.evaluateAs(
          session!.userId,
          session!.role === 'patient'
            ? 'consents:ListPatientConsents'
            : 'consents:ListDoctorConsents',
          session!.userId,
          String(query.pageSize),
          query.bookmark,
        ),
    }),
    route({
      method: 'get',
      path: '/consents/:consentId',
      summary: 'One consent (its patient, its doctor, auditors)',
      tag: 'consents',
      access: ['patient', 'doctor', 'auditor'],
      params: z.object({ consentId }),
      errors: [404, 503],
      handler: ({ session, params }) =>
        ledger.evaluateAs(session!.userId, 'consents:GetConsent', params.consentId),
    }),
    route({
      method: 'post',
      path: '/consents/:consentId/grant',
      summary: 'Approve a request, optionally narrowing its scope, permission or duration',
      tag: 'consents',
      access: ['patient'],
      params: z.object({ consentId }),
      body: z.strictObject({
        scope: scope.optional(),
        permission: permission.optional(),
        durationDays: durationDays.optional(),
      }),
      errors: [404, 409, 422, 503],
      handler: ({ session, params, body }) =>
        ledger.submitAs(
          session!.userId,
          'consents:GrantAccess',
          params.consentId,
          body.scope ? JSON.stringify(body.scope) : '',
          body.permission ?? '',
          seconds(body.durationDays),
        ),
    }),
    ...(['reject', 'revoke'] as const).map((action) =>
      route({
        method: 'post',
        path: `/consents/:consentId/${action}`,
        summary:
          action === 'reject' ? 'Reject a pending request' : 'Revoke a grant, effective at once',
        tag: 'consents',
        access: ['patient'],
        params: z.object({ consentId }),
        errors: [404, 409, 503],
        handler: ({ session, params }) =>
          ledger.submitAs(
            session!.userId,
            action === 'reject' ? 'consents:RejectAccess' : 'consents:RevokeAccess',
            params.consentId,
          ),
      }),
    ),
    route({
      method: 'post',
      path: '/consents/shares',
      summary: 'Share records with a doctor without being asked',
      tag: 'consents',
      access: ['patient'],
      body: z.strictObject({ doctorId, scope, permission, durationDays }),
      status: 201,
      errors: [404, 409, 422, 503],
      handler: ({ session, body }) =>
        ledger.submitAs(
          session!.userId,
          'consents:ShareWith',
          body.doctorId,
          JSON.stringify(body.scope),
          body.permission,
          seconds(body.durationDays),
        ),
    }),
    route({
      method: 'get',
      path: '/consents/:consentId/emergency-reason',
      summary: 'The reason a doctor gave for an emergency access (its patient, auditors)',
      tag: 'consents',
      access: ['patient', 'auditor'],
      params: z.object({ consentId }),
      errors: [404, 409, 503],
      handler: async ({ session, params }) => {
        // The ledger decides who may see the consent; its hash vouches for the stored text.
        const consent = (await ledger.evaluateAs(
          session!.userId,
          'consents:GetConsent',
          params.consentId,
        )) as {
          patientId: string;
          doctorId: string;
          reasonHash: string | null;
          decidedAt: string | null;
        };
        const stored = await reasons.findOne({ consentId: params.consentId });
        if (!consent.reasonHash || !stored) {
          throw new ApiError(
            'NOT_FOUND',
            `consent ${params.consentId} is not an emergency with a stated reason`,
          );
        }
        const key = await dataKeys.keyOf(consent.patientId);
        const reason = open(key, fromStored(stored.sealed), `emergency:${stored._id}`).toString();
        if (createHash('sha256').update(reason).digest('hex') !== consent.reasonHash) {
          throw new ApiError(
            'INTEGRITY',
            'the stored reason does not match the hash on the ledger',
          );
        }
        return {
          consentId: params.consentId,
          doctorId: consent.doctorId,
          declaredAt: consent.decidedAt,
          reason,
        };
      },
    }),
    route({
      method: 'post',
      path: '/emergency-access',
      summary:
        'Declare an emergency: read access for at most 24 h; the patient and auditors are told',
      tag: 'consents',
      access: ['doctor'],
      body: z.strictObject({ patientId, reason: z.string().trim().min(10).max(2000) }),
      status: 201,
      errors: [404, 409, 503],
      handler: async ({ session, body }) => {
        // The reason is sealed and stored before the ledger sees its hash, so a committed
        // emergency always has its reason; a refused one leaves nothing behind.
        const key = await dataKeys.keyOf(body.patientId).catch(() => {
          throw new ApiError('NOT_FOUND', `no patient ${body.patientId}`);
        });
        const id = randomBytes(16).toString('hex');
        const reasonHash = createHash('sha256').update(body.reason).digest('hex');
        await reasons.insertOne({
          _id: id,
          patientId: body.patientId,
          doctorId: session!.userId,
          consentId: null,
          reasonHash,
          sealed: seal(key, Buffer.from(body.reason), `emergency:${id}`),
          createdAt: new Date(),
        });
        try {
          const consent = await ledger.as(
            session!.userId,
            async (c) =>
              JSON.parse(
                await c.submit('consents:EmergencyAccess', body.patientId, reasonHash, ''),
              ) as {
                consentId: string;
              },
          );
          await reasons.updateOne({ _id: id }, { $set: { consentId: consent.consentId } });
          return consent;
        } catch (error) {
          await reasons.deleteOne({ _id: id });
          throw error;
        }
      },
    }),
    route({
      method: 'get',
      path: '/access-log',
      summary: 'Accesses to records: a patient’s records, a doctor’s own reads, or (auditors) all',
      tag: 'consents',
      access: ['patient', 'doctor', 'auditor'],
      query: page.extend({
        patientId: patientId.optional(),
        recordId: recordId.optional(),
        accessorId: z
          .string()
          .regex(/^(PAT|DOC)\d{1,12}$/)
          .optional(),
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
      }),
      errors: [422, 503],
      handler: async ({ session, query }) => {
        const page = await ledger.as(
          session!.userId,
          async (c) =>
            JSON.parse(
              await c.evaluate(
                'access:ListAccessLog',
                query.patientId ?? (session!.role === 'patient' ? session!.userId : ''),
                query.recordId ?? '',
                query.accessorId ?? (session!.role === 'doctor' ? session!.userId : ''),
                query.from ? new Date(query.from).toISOString() : '',
                query.to ? new Date(query.to).toISOString() : '',
                String(query.pageSize),
                query.bookmark,
              ),
            ) as { items: { accessorId: string }[]; bookmark: string },
        );
        // Who read: doctors by name and hospital; a patient reading their own record is "self".
        const items = await Promise.all(
          page.items.map(async (entry) => {
            const card = entry.accessorId.startsWith('DOC')
              ? await cards.of(entry.accessorId)
              : undefined;
            const accessor = card
              ? { id: card.id, name: card.name, hospital: card.hospitalName }
              : { id: entry.accessorId, name: null, hospital: null };
            return { ...entry, accessor };
          }),
        );
        return { items, bookmark: page.bookmark };
      },
    }),
    ...(['verify', 'suspend'] as const).map((action) =>
      route({
        method: 'post',
        path: `/doctors/:doctorId/${action}`,
        summary:
          action === 'verify'
            ? 'Verify a doctor of my hospital'
            : 'Suspend a doctor of my hospital',
        tag: 'doctors',
        access: ['admin'],
        params: z.object({ doctorId }),
        errors: [404, 409, 503],
        handler: ({ session, params }) =>
          ledger.submitAs(
            session!.userId,
            action === 'verify' ? 'participants:VerifyDoctor' : 'participants:SuspendDoctor',
            params.doctorId,
          ),
      }),
    ),
  ];
}

import {
  auditConsentsQuery,
  consent,
  consentView,
  fields,
  healthRecord,
  historyOf,
  integrityAlerts,
  integritySweep,
  pageQuery,
  participant,
  sweepParams,
} from '@patrec/contract';
import { z } from 'zod';
import { route, type Route } from '../http/route.js';
import type { Ledger } from '../ledger/ledger.js';
import type { RecordsService } from '../records/records-service.js';
import type { IntegritySweeps } from './integrity-sweeps.js';

const summary = (what: string) => `Every change of ${what}, from the ledger's key history`;

/**
 * Auditors' views: consents by patient or doctor, emergency grants, the full history of a
 * consent, record or participant, and integrity.
 */
export function auditRoutes(
  ledger: Ledger,
  records: RecordsService,
  sweeps: IntegritySweeps,
): Route[] {
  return [
    route({
      method: 'get',
      path: '/audit/consents/:consentId/history',
      summary: summary('a consent'),
      tag: 'audit',
      access: ['patient', 'doctor', 'auditor'],
      params: z.object({ consentId: fields.consentId }),
      response: historyOf(consent),
      errors: [404, 503],
      handler: ({ session, params }) =>
        ledger.as(session!.userId, (client) => client.audit.getConsentHistory(params)),
    }),
    route({
      method: 'get',
      path: '/audit/records/:recordId/history',
      summary: summary('a record'),
      tag: 'audit',
      access: ['patient', 'auditor'],
      params: z.object({ recordId: fields.recordId }),
      response: historyOf(healthRecord),
      errors: [404, 503],
      handler: ({ session, params }) =>
        ledger.as(session!.userId, (client) => client.audit.getRecordHistory(params)),
    }),
    route({
      method: 'get',
      path: '/audit/participants/:participantId/history',
      summary: summary('a participant'),
      tag: 'audit',
      access: ['patient', 'doctor', 'admin', 'auditor'],
      params: z.object({ participantId: fields.participantId }),
      response: historyOf(participant),
      errors: [404, 503],
      handler: ({ session, params }) =>
        ledger.as(session!.userId, (client) => client.audit.getParticipantHistory(params)),
    }),
    route({
      method: 'get',
      path: '/audit/consents',
      summary:
        'Consents of a patient, of a doctor, or between the two, oldest first (auditors): one ledger index each',
      tag: 'audit',
      access: ['auditor'],
      query: auditConsentsQuery,
      response: fields.pageOf(consentView),
      errors: [503],
      handler: ({ session, query }) => {
        const { patientId, doctorId, ...page } = query;
        return ledger.as(session!.userId, (client) => {
          if (patientId && doctorId) {
            return client.consents.listPairConsents({ patientId, doctorId, ...page });
          }
          return patientId
            ? client.consents.listPatientConsents({ patientId, ...page })
            : client.consents.listDoctorConsents({ doctorId: doctorId!, ...page });
        });
      },
    }),
    route({
      method: 'get',
      path: '/audit/emergency-grants',
      summary: 'Every emergency access on the network, oldest first (auditors)',
      tag: 'audit',
      access: ['auditor'],
      query: pageQuery,
      response: fields.pageOf(consentView),
      errors: [503],
      handler: ({ session, query }) =>
        ledger.as(session!.userId, (client) => client.consents.listEmergencyGrants(query)),
    }),
    route({
      method: 'get',
      path: '/audit/integrity-alerts',
      summary: 'Records whose stored contents failed a check against the ledger, newest first',
      tag: 'audit',
      access: ['auditor'],
      query: pageQuery,
      response: integrityAlerts,
      errors: [400],
      handler: async ({ query }) => {
        const page = await records.store.alerts.page(query.pageSize, query.bookmark);
        return {
          ...page,
          items: page.items.map((alert) => ({
            ...alert,
            detectedAt: alert.detectedAt.toISOString(),
          })),
        };
      },
    }),
    route({
      method: 'post',
      path: '/audit/integrity-sweeps',
      summary:
        'Start checking every record on the ledger against its stored contents, in the background',
      tag: 'audit',
      access: ['auditor'],
      status: 202,
      response: integritySweep,
      errors: [409, 503],
      handler: ({ session }) => sweeps.start(session!.userId),
    }),
    route({
      method: 'get',
      path: '/audit/integrity-sweeps/:sweepId',
      summary: 'How far a sweep has got, and how many records failed (each is an alert)',
      tag: 'audit',
      access: ['auditor'],
      params: sweepParams,
      response: integritySweep,
      errors: [404],
      handler: ({ params }) => sweeps.get(params.sweepId),
    }),
  ];
}

import {
  consent,
  fields,
  healthRecord,
  historyOf,
  integrityAlerts,
  participant,
  sweepResult,
} from '@patrec/contract';
import { z } from 'zod';
import { route, type Route } from '../http/route.js';
import type { Ledger } from '../ledger/ledger.js';
import type { RecordsService } from '../records/records-service.js';
import { sweepIntegrity } from './integrity-sweep.js';

const summary = (what: string) => `Every change of ${what}, from the ledger's key history`;

/** Auditors' views: the full history of a consent, record or participant, and integrity. */
export function auditRoutes(ledger: Ledger, records: RecordsService): Route[] {
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
      path: '/audit/integrity-alerts',
      summary: 'Records whose stored contents failed a check against the ledger (newest first)',
      tag: 'audit',
      access: ['auditor'],
      response: integrityAlerts,
      handler: async () => {
        const alerts = await records.store.alerts
          .find({}, { projection: { _id: 0 } })
          .sort({ detectedAt: -1 })
          .limit(500)
          .toArray();
        return {
          items: alerts.map((alert) => ({ ...alert, detectedAt: alert.detectedAt.toISOString() })),
        };
      },
    }),
    route({
      method: 'post',
      path: '/audit/integrity-sweep',
      summary: 'Check every stored record against its ledger hash; report and alert each mismatch',
      tag: 'audit',
      access: ['auditor'],
      response: sweepResult,
      errors: [503],
      handler: ({ session }) => sweepIntegrity(session!, records.store, ledger),
    }),
  ];
}

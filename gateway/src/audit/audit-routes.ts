import { z } from 'zod';
import { route, type Route } from '../http/route.js';
import type { Ledger } from '../ledger/ledger.js';
import type { RecordsService } from '../records/records-service.js';
import { recordId } from '../records/records-routes.js';
import { sweepIntegrity } from './integrity-sweep.js';

const consentId = z.string().regex(/^CON[0-9a-f]{64}$/, 'a consent ID (CON and 64 hex digits)');
const participantId = z.string().regex(/^(PAT|DOC)\d{1,12}$/, 'a patient or doctor ID');

/** Auditors' views: the full history of a consent, record or participant, and integrity. */
export function auditRoutes(ledger: Ledger, records: RecordsService): Route[] {
  const history = (
    path: string,
    transaction: string,
    param: 'consentId' | 'recordId' | 'participantId',
    schema: z.ZodType<string>,
    access: Route['access'],
    what: string,
  ) =>
    route({
      method: 'get',
      path,
      summary: `Every change of ${what}, from the ledger's key history`,
      tag: 'audit',
      access,
      params: z.object({ [param]: schema }),
      errors: [404, 503],
      handler: ({ session, params }) =>
        ledger.evaluateAs(session!.userId, transaction, params[param]!),
    });
  return [
    history(
      '/audit/consents/:consentId/history',
      'audit:GetConsentHistory',
      'consentId',
      consentId,
      ['patient', 'doctor', 'auditor'],
      'a consent',
    ),
    history(
      '/audit/records/:recordId/history',
      'audit:GetRecordHistory',
      'recordId',
      recordId,
      ['patient', 'auditor'],
      'a record',
    ),
    history(
      '/audit/participants/:participantId/history',
      'audit:GetParticipantHistory',
      'participantId',
      participantId,
      ['patient', 'doctor', 'admin', 'auditor'],
      'a participant',
    ),
    route({
      method: 'get',
      path: '/audit/integrity-alerts',
      summary: 'Records whose stored contents failed a check against the ledger (newest first)',
      tag: 'audit',
      access: ['auditor'],
      handler: async () => {
        const alerts = await records.store.alerts
          .find({}, { projection: { _id: 0 } })
          .sort({ detectedAt: -1 })
          .limit(500)
          .toArray();
        return { items: alerts };
      },
    }),
    route({
      method: 'post',
      path: '/audit/integrity-sweep',
      summary: 'Check every stored record against its ledger hash; report and alert each mismatch',
      tag: 'audit',
      access: ['auditor'],
      errors: [503],
      handler: ({ session }) => sweepIntegrity(session!, records.store, ledger),
    }),
  ];
}

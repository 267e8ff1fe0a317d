import type { Request } from 'express';
import {
  fields,
  IDEMPOTENCY_HEADER,
  idempotencyKey,
  noContent,
  pageQuery,
  recordContent,
  recordListing,
  recordRead,
  recordSummary,
  recordUpdate,
  recordVersionParams,
} from '@patrec/contract';
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import { route, type Route } from '../http/route.js';
import type { RecordsService } from './records-service.js';

const ofPatient = z.object({ patientId: fields.patientId });
const ofRecord = z.object({ recordId: fields.recordId });

/** Records: create from a clinical form or a file, list, read (consent-checked), update, delete. */
export function recordsRoutes(records: RecordsService): Route[] {
  return [
    route({
      method: 'post',
      path: '/patients/:patientId/records',
      summary:
        'Add a record: a clinical form or an uploaded document (PDF, PNG, JPEG, text; 5 MiB). ' +
        `With an ${IDEMPOTENCY_HEADER} header, a retry answers what the first write answered`,
      tag: 'records',
      access: ['patient', 'doctor'],
      params: ofPatient,
      body: recordContent,
      status: 201,
      response: recordSummary,
      errors: [400, 404, 409, 413, 422, 503],
      handler: ({ session, params, body, request }) =>
        records.create(session!, params.patientId, body, idempotencyKeyOf(request)),
    }),
    route({
      method: 'get',
      path: '/patients/:patientId/records',
      summary:
        "A page of a patient's record IDs, categories and dates, with titles for the owner and for a doctor whose grant covers the record (doctors: each page logged)",
      tag: 'records',
      access: ['patient', 'doctor', 'auditor'],
      params: ofPatient,
      query: pageQuery,
      response: recordListing,
      errors: [404, 503],
      handler: ({ session, params, query }) => records.directory(session!, params.patientId, query),
    }),
    route({
      method: 'get',
      path: '/records/:recordId',
      summary:
        "Read a record's contents: consent-checked and logged on the ledger; a refused read is recorded too (429 once a person's refusals this hour are used up)",
      tag: 'records',
      access: ['patient', 'doctor'],
      params: ofRecord,
      response: recordRead,
      errors: [404, 409, 429, 503],
      handler: ({ session, params }) => records.read(session!, params.recordId),
    }),
    route({
      method: 'get',
      path: '/records/:recordId/versions/:version',
      summary:
        "Read an earlier version of a record's contents: consent-checked as a read of the current one, checked against that version's hash on the ledger, and logged with the version read",
      tag: 'records',
      access: ['patient', 'doctor'],
      params: recordVersionParams,
      response: recordRead,
      errors: [404, 409, 429, 503],
      handler: ({ session, params }) => records.read(session!, params.recordId, params.version),
    }),
    route({
      method: 'put',
      path: '/records/:recordId',
      summary:
        'Write a new version of a record (the version you started from, to avoid lost updates)',
      tag: 'records',
      access: ['patient', 'doctor'],
      params: ofRecord,
      body: recordUpdate,
      response: recordSummary,
      errors: [404, 409, 413, 422, 503],
      handler: ({ session, params, body }) =>
        records.update(session!, params.recordId, body.content, body.expectedVersion),
    }),
    route({
      method: 'delete',
      path: '/records/:recordId',
      summary: 'Delete a record: its contents are destroyed; the ledger keeps a tombstone',
      tag: 'records',
      access: ['patient'],
      params: ofRecord,
      response: noContent,
      status: 204,
      errors: [404, 503],
      handler: ({ session, params }) => records.delete(session!, params.recordId),
    }),
  ];
}

function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.get(IDEMPOTENCY_HEADER);
  if (key === undefined) return undefined;
  const parsed = idempotencyKey.safeParse(key);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? `${IDEMPOTENCY_HEADER} is malformed`;
  throw new ApiError('INVALID_ARGUMENT', message, {
    fields: [{ field: `headers.${IDEMPOTENCY_HEADER.toLowerCase()}`, message }],
  });
}

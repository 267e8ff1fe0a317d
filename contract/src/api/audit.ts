import { z } from 'zod';
import * as f from '../fields.js';
import { pageQuery } from './common.js';
import { INTEGRITY_PROBLEMS } from './errors.js';

export const integrityAlert = z.object({
  recordId: f.recordId,
  version: z.number().int(),
  patientId: f.patientId,
  problem: z.enum(INTEGRITY_PROBLEMS),
  detectedAt: z.iso.datetime(),
  detectedBy: z.string(),
});
export type IntegrityAlert = z.infer<typeof integrityAlert>;

/** Newest first. */
export const integrityAlerts = f.pageOf(integrityAlert);

/** `interrupted`: the gateway running it stopped before it finished. */
export const SWEEP_STATES = ['running', 'finished', 'failed', 'interrupted'] as const;
export type SweepState = (typeof SWEEP_STATES)[number];

/** One run of the check of every record on the ledger against its stored contents. */
export const integritySweep = z.object({
  sweepId: f.sweepId,
  state: z.enum(SWEEP_STATES),
  startedAt: z.iso.datetime(),
  startedBy: z.string(),
  /** When it last reported progress (or finished). */
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  /** Records checked so far (deleted ones have no contents and are skipped). */
  checked: z.number().int(),
  /** Records that failed, each raised as an integrity alert. */
  failed: z.number().int(),
  /** Why it stopped, when it failed. */
  failure: z.string().nullable(),
});
export type IntegritySweep = z.infer<typeof integritySweep>;

export const sweepParams = z.object({ sweepId: f.sweepId });

/**
 * An auditor's list of consents, oldest first: a patient's, a doctor's, or those between the
 * two. Each is one index range on the ledger, so at least one of them is needed.
 */
export const auditConsentsQuery = pageQuery
  .extend({ patientId: f.patientId.optional(), doctorId: f.doctorId.optional() })
  .refine((query) => query.patientId !== undefined || query.doctorId !== undefined, {
    message: 'a patient ID, a doctor ID or both',
    path: ['patientId'],
  });
export type AuditConsentsQuery = z.input<typeof auditConsentsQuery>;

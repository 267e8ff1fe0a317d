import { z } from 'zod';
import * as f from '../fields.js';
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

export const integrityAlerts = z.object({ items: z.array(integrityAlert) });

export const sweepFinding = integrityAlert.pick({ recordId: true, version: true, problem: true });
export type SweepFinding = z.infer<typeof sweepFinding>;

export const sweepResult = z.object({ checked: z.number().int(), findings: z.array(sweepFinding) });
export type SweepResult = z.infer<typeof sweepResult>;

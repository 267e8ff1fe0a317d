import { z } from 'zod';
import * as f from '../fields.js';
import { accessEntry } from '../ledger/objects.js';
import { EMERGENCY_REASON_LENGTH } from '../vocabulary.js';
import { durationDays, pageQuery } from './common.js';

export const accessRequest = z.strictObject({
  patientId: f.patientId,
  scope: f.scope,
  permission: f.permission,
  purpose: f.purpose,
  durationDays,
});
export type AccessRequest = z.infer<typeof accessRequest>;

/** Left-out terms keep what the doctor asked for; given ones may only narrow it. */
export const grantTerms = z.strictObject({
  scope: f.scope.optional(),
  permission: f.permission.optional(),
  durationDays: durationDays.optional(),
});
export type GrantTerms = z.infer<typeof grantTerms>;

export const share = z.strictObject({
  doctorId: f.doctorId,
  scope: f.scope,
  permission: f.permission,
  durationDays,
});
export type Share = z.infer<typeof share>;

export const emergencyDeclaration = z.strictObject({
  patientId: f.patientId,
  reason: z.string().trim().min(EMERGENCY_REASON_LENGTH.min).max(EMERGENCY_REASON_LENGTH.max),
});
export type EmergencyDeclaration = z.infer<typeof emergencyDeclaration>;

/** The reason a doctor gave for an emergency access, checked against its ledger hash. */
export const emergencyReason = z.object({
  consentId: f.consentId,
  doctorId: f.doctorId,
  declaredAt: f.ledgerTime.nullable(),
  reason: z.string(),
});
export type EmergencyReason = z.infer<typeof emergencyReason>;

export const accessLogQuery = pageQuery.extend({
  patientId: f.patientId.optional(),
  recordId: f.recordId.optional(),
  accessorId: f.participantId.optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export type AccessLogQuery = z.infer<typeof accessLogQuery>;
export type AccessLogFilter = Omit<AccessLogQuery, 'pageSize' | 'bookmark'>;

/** Who read: a doctor by name and hospital; anyone else (a patient: "self") by ID alone. */
export const accessor = z.object({
  id: f.participantId,
  name: z.string().nullable(),
  hospital: z.string().nullable(),
});

export const accessLogEntry = accessEntry.extend({ accessor });
export type AccessLogEntry = z.infer<typeof accessLogEntry>;

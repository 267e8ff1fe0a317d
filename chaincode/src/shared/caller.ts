import type { Context } from 'fabric-contract-api';
import {
  ADMIN_ID,
  AUDITOR_ID,
  DOCTOR_ID,
  PATIENT_ID,
  ROLES,
  type Role,
} from '@patrec/contract/core';
import { forbidden } from './errors';

const ID_OF_ROLE: Record<Role, RegExp> = {
  patient: PATIENT_ID,
  doctor: DOCTOR_ID,
  admin: ADMIN_ID,
  auditor: AUDITOR_ID,
};

/** Who is calling, as their hospital's CA certified it: the only source of role and ID. */
export interface Caller {
  mspId: string;
  role: Role;
  id: string;
}

/**
 * Reads the caller from the certificate. A certificate without a PatRec role, or whose ID
 * does not fit its role (a "patient" DOC140), is refused: the CA that issued it is misused.
 */
export function authenticate(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  const mspId = identity.getMSPID();
  const role = identity.getAttributeValue('role');
  const id = identity.getAttributeValue('patrecId');
  if (!mspId) throw forbidden('CERTIFICATE', 'the certificate has no MSP ID');
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw forbidden('CERTIFICATE', 'the certificate carries no PatRec role');
  }
  if (!id || !ID_OF_ROLE[role as Role].test(id)) {
    throw forbidden('CERTIFICATE', `the certificate's patrecId does not fit the role ${role}`);
  }
  return { mspId, role: role as Role, id };
}

/** Refuses callers whose role may never perform `action`, before anything is read. */
export function requireRole(caller: Caller, roles: readonly Role[], action: string): void {
  if (roles.includes(caller.role)) return;
  const article = caller.role === 'admin' || caller.role === 'auditor' ? 'an' : 'a';
  throw forbidden('ROLE', `${article} ${caller.role} may not ${action}`);
}

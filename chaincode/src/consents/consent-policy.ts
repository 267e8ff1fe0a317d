import type { Consent } from '@patrec/contract';
import { permits, scopeCovers, type GrantTarget, type Permission } from '@patrec/contract/core';
import type { Context } from 'fabric-contract-api';
import { expired, forbidden } from '../shared/errors';
import { isActive, wasInForce } from './consent';
import { consentsBetween, readConsent } from './consent-ledger';
import { readParticipant, registeredCaller } from '../participants/participant-ledger';
import { requireRole, type Caller } from '../shared/caller';

/**
 * The grant that lets a doctor act on a patient's record: GRANTED, not expired at the
 * transaction's time, giving the permission needed and covering the record. A grant the
 * patient gave is preferred to an emergency grant (so emergencies are flagged only when
 * they were needed), then the one that lasts longest. Refuses with EXPIRED when only
 * expired grants would have covered it, so the doctor knows to ask again.
 */
export async function activeGrant(
  ctx: Context,
  request: {
    doctorId: string;
    patientId: string;
    target: GrantTarget;
    permission: Permission;
    now: string;
    /**
     * For a read already answered from an endorsement that did not commit: the grant in
     * force when the reader asked, though it was revoked or expired since.
     */
    answeredAt?: string;
  },
): Promise<Consent> {
  const { doctorId, patientId, target, permission, now, answeredAt } = request;
  const relevant = (await consentsBetween(ctx, patientId, doctorId)).filter(
    (consent) => permits(consent.permission, permission) && scopeCovers(consent.scope, target),
  );
  const inForce = answeredAt
    ? (consent: Consent) => wasInForce(consent, answeredAt)
    : (consent: Consent) => isActive(consent, now);
  const [best] = relevant.filter(inForce).sort(preferred);
  if (best) return best;
  const covering = relevant.filter((consent) => consent.status === 'GRANTED');
  const what = 'recordId' in target ? target.recordId : `a new ${target.category} record`;
  if (covering.length > 0) {
    throw expired(`${doctorId}'s ${permission} grant covering ${what} has expired`);
  }
  // Say so when the patient took a grant back, so the doctor knows not to ask blindly again.
  if (relevant.some((consent) => consent.status === 'REVOKED')) {
    throw forbidden(
      'REVOKED',
      `${doctorId}'s ${permission} grant covering ${what} was revoked by the patient`,
    );
  }
  throw forbidden('NO_CONSENT', `${doctorId} holds no active ${permission} grant covering ${what}`);
}

/**
 * Which of a patient's records the doctor's grants in force at `now` let them read, as
 * activeGrant would find (read by one look at the pair's consents).
 */
export async function readableBy(
  ctx: Context,
  doctorId: string,
  patientId: string,
  now: string,
): Promise<(target: GrantTarget) => boolean> {
  const inForce = (await consentsBetween(ctx, patientId, doctorId)).filter(
    (consent) => permits(consent.permission, 'read') && isActive(consent, now),
  );
  return (target) => inForce.some((consent) => scopeCovers(consent.scope, target));
}

function preferred(a: Consent, b: Consent): number {
  const emergencyLast = Number(a.origin === 'emergency') - Number(b.origin === 'emergency');
  if (emergencyLast !== 0) return emergencyLast;
  // Plain comparisons, not localeCompare: the order must not depend on the peer's locale.
  const [expiryA, expiryB] = [a.expiresAt ?? '', b.expiresAt ?? ''];
  if (expiryA !== expiryB) return expiryA > expiryB ? -1 : 1;
  return a.consentId < b.consentId ? -1 : 1;
}

/**
 * A consent, for its patient, its doctor (whatever their status) and auditors; and an
 * emergency grant for the admins of the declaring doctor's hospital, who are told of it.
 */
export async function consentForParty(
  ctx: Context,
  caller: Caller,
  consentId: string,
): Promise<Consent> {
  requireRole(caller, ['patient', 'doctor', 'auditor', 'admin'], 'read consents');
  if (caller.role === 'admin') return emergencyOfAdminsDoctor(ctx, caller, consentId);
  if (caller.role !== 'auditor') await registeredCaller(ctx, caller);
  const consent = await readConsent(ctx, consentId);
  const party = caller.id === consent.patientId || caller.id === consent.doctorId;
  if (caller.role !== 'auditor' && !party) {
    throw forbidden('NOT_YOURS', `${caller.id} is not a party to consent ${consentId}`);
  }
  return consent;
}

async function emergencyOfAdminsDoctor(ctx: Context, admin: Caller, consentId: string) {
  const consent = await readConsent(ctx, consentId);
  if (consent.origin !== 'emergency') {
    throw forbidden('ROLE', `an admin reads only the emergency grants of their doctors`);
  }
  const doctor = await readParticipant(ctx, consent.doctorId);
  if (doctor.mspId !== admin.mspId) {
    throw forbidden('WRONG_HOSPITAL', `${consent.doctorId} is a doctor of ${doctor.mspId}`);
  }
  return consent;
}

import type { Participant } from '@patrec/contract';
import type { Context } from 'fabric-contract-api';
import { stateOf } from '../shared/transaction-reads';
import type { Caller } from '../shared/caller';
import { forbidden, notFound } from '../shared/errors';
import { fromLedger, INDEX_ENTRY, toLedger } from '../shared/ledger-json';
import { doctorIndexKey, parseParticipant, participantKey } from './participant';

// Several contracts read participants (every rule starts from who the caller is), so the
// reads live here rather than in one contract's private helpers.

export async function findParticipant(
  ctx: Context,
  participantId: string,
): Promise<Participant | undefined> {
  const bytes = await stateOf(ctx, participantKey(ctx, participantId));
  return bytes.length === 0 ? undefined : parseParticipant(fromLedger(bytes, 'participant'));
}

export async function readParticipant(ctx: Context, participantId: string): Promise<Participant> {
  const participant = await findParticipant(ctx, participantId);
  if (!participant)
    throw notFound(`nobody with the ID ${participantId} is registered on PatRec; check the ID`);
  return participant;
}

/** Writes a participant with its index entry; `previous` is the version it replaces. */
export async function putParticipant(
  ctx: Context,
  participant: Participant,
  previous?: Participant,
): Promise<void> {
  await ctx.stub.putState(participantKey(ctx, participant.participantId), toLedger(participant));
  if (participant.role !== 'doctor') return;
  if (previous) await ctx.stub.deleteState(doctorIndexKey(ctx, previous));
  await ctx.stub.putState(doctorIndexKey(ctx, participant), INDEX_ENTRY);
}

/**
 * The caller's own registration. A registration binds an ID to the hospital (MSP) that
 * enrolled it, so a certificate for the same ID from another hospital's CA is refused.
 */
export async function registeredCaller(ctx: Context, caller: Caller): Promise<Participant> {
  const participant = await findParticipant(ctx, caller.id);
  if (!participant) throw forbidden('NOT_REGISTERED', `${caller.id} is not registered`);
  if (participant.mspId !== caller.mspId) {
    throw forbidden(
      'WRONG_HOSPITAL',
      `${caller.id} is registered at ${participant.mspId}, not ${caller.mspId}`,
    );
  }
  return participant;
}

/** A registered doctor whose hospital has verified them and not suspended them. */
export async function verifiedDoctor(ctx: Context, caller: Caller): Promise<Participant> {
  const doctor = await registeredCaller(ctx, caller);
  if (doctor.status !== 'VERIFIED') {
    const reason = doctor.status === 'SUSPENDED' ? 'SUSPENDED' : 'UNVERIFIED';
    throw forbidden(reason, `${caller.id} is ${doctor.status.toLowerCase()}`);
  }
  return doctor;
}

/** The caller, registered, acting on their own data: `subjectId` is whose data it is. */
export async function requireSelf(
  ctx: Context,
  caller: Caller,
  subjectId: string,
  action: string,
): Promise<void> {
  if (caller.id !== subjectId) {
    throw forbidden('NOT_YOURS', `${caller.id} may not ${action} of ${subjectId}`);
  }
  await registeredCaller(ctx, caller);
}

/** An auditor, or the registered participant `subjectId` themselves. */
export async function requireSelfOrAuditor(
  ctx: Context,
  caller: Caller,
  subjectId: string,
  action: string,
): Promise<void> {
  if (caller.role !== 'auditor') await requireSelf(ctx, caller, subjectId, action);
}

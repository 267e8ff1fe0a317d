import type { Context } from 'fabric-contract-api';
import { corruptState } from '../shared/errors';
import { Shape } from '../shared/shape';

export const PARTICIPANT_ROLES = ['patient', 'doctor'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const DOCTOR_STATUSES = ['UNVERIFIED', 'VERIFIED', 'SUSPENDED'] as const;
export type DoctorStatus = (typeof DOCTOR_STATUSES)[number];
/** Patients are ACTIVE from registration; doctors move between the doctor statuses. */
export type ParticipantStatus = 'ACTIVE' | DoctorStatus;
const PARTICIPANT_STATUSES: readonly ParticipantStatus[] = ['ACTIVE', ...DOCTOR_STATUSES];

/** A patient or doctor as the ledger knows them: no name, no contact, nothing personal. */
export interface Participant {
  participantId: string;
  role: ParticipantRole;
  mspId: string;
  status: ParticipantStatus;
  registeredAt: string;
  updatedAt: string;
  /** Who made the last change: the participant on registration, an admin afterwards. */
  updatedBy: string;
}

export function parseParticipant(value: unknown): Participant {
  const shape = new Shape(value, (problem) => corruptState('participant', problem));
  return {
    participantId: shape.string('participantId'),
    role: shape.oneOf('role', PARTICIPANT_ROLES),
    mspId: shape.string('mspId'),
    status: shape.oneOf('status', PARTICIPANT_STATUSES),
    registeredAt: shape.string('registeredAt'),
    updatedAt: shape.string('updatedAt'),
    updatedBy: shape.string('updatedBy'),
  };
}

export function participantKey(ctx: Context, participantId: string): string {
  return ctx.stub.createCompositeKey('participant', [participantId]);
}

/** Index of doctors by hospital and status: an admin's list of doctors awaiting verification. */
export const DOCTOR_INDEX = 'doctorByMsp';

export function doctorIndexKey(ctx: Context, doctor: Participant): string {
  return ctx.stub.createCompositeKey(DOCTOR_INDEX, [
    doctor.mspId,
    doctor.status,
    doctor.participantId,
  ]);
}

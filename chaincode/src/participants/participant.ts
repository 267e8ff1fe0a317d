import type { Participant } from '@patrec/contract';
import { PARTICIPANT_ROLES, PARTICIPANT_STATUSES } from '@patrec/contract/core';
import type { Context } from 'fabric-contract-api';
import { corruptState } from '../shared/errors';
import { Shape } from '../shared/shape';

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

import type { Participant, ReadKey } from '@patrec/contract';
import { DOCTOR_STATUSES, type DoctorStatus } from '@patrec/contract/core';
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { doctorIdArg, mspIdArg, oneOfArg, optional, participantIdArg } from '../shared/arguments';
import { authenticate, requireRole, type Caller } from '../shared/caller';
import { conflict, corruptState, forbidden } from '../shared/errors';
import { emitEvent } from '../shared/events';
import { toSortedJson } from '../shared/ledger-json';
import { pageOfPartialKey, pageRequestArgs } from '../shared/pagination';
import { txTime } from '../shared/time';
import { DOCTOR_INDEX } from './participant';
import { publicKeyArg, putReadKey } from './read-key';
import {
  findParticipant,
  putParticipant,
  readParticipant,
  registeredCaller,
  verifiedDoctor,
} from './participant-ledger';

@Info({
  title: 'ParticipantContract',
  description: 'Patients and doctors: registration, verification',
})
export class ParticipantContract extends Contract {
  constructor() {
    super('participants');
  }

  /** A patient or doctor registers; who they are comes from their certificate alone. */
  @Transaction()
  @Returns('string')
  async RegisterSelf(ctx: Context): Promise<string> {
    const caller = authenticate(ctx);
    requireRole(caller, ['patient', 'doctor'], 'register (the certificate is their standing)');
    if (await findParticipant(ctx, caller.id)) throw conflict(`${caller.id} is already registered`);
    const now = txTime(ctx);
    const participant: Participant = {
      participantId: caller.id,
      role: caller.role === 'patient' ? 'patient' : 'doctor',
      mspId: caller.mspId,
      status: caller.role === 'patient' ? 'ACTIVE' : 'UNVERIFIED',
      registeredAt: now,
      updatedAt: now,
      updatedBy: caller.id,
    };
    await putParticipant(ctx, participant);
    emitEvent(ctx, 'ParticipantRegistered', { participantId: caller.id, mspId: caller.mspId });
    return toSortedJson(participant);
  }

  /**
   * A registered patient or doctor names the key that signs the reads gateways carry for
   * them in batches (`access:RecordReads`); a new key replaces the old one at once.
   */
  @Transaction()
  @Returns('string')
  async RegisterReadKey(ctx: Context, publicKey: string): Promise<string> {
    const caller = authenticate(ctx);
    const key = publicKeyArg('publicKey', publicKey);
    requireRole(caller, ['patient', 'doctor'], 'register a read key (only readers sign reads)');
    await registeredCaller(ctx, caller);
    const readKey: ReadKey = {
      participantId: caller.id,
      role: caller.role,
      mspId: caller.mspId,
      publicKey: key,
      registeredAt: txTime(ctx),
    };
    await putReadKey(ctx, readKey);
    emitEvent(ctx, 'ReadKeyRegistered', { participantId: caller.id, mspId: caller.mspId });
    return toSortedJson(readKey);
  }

  /** An admin vouches for a doctor of their own hospital (also lifts a suspension). */
  @Transaction()
  @Returns('string')
  async VerifyDoctor(ctx: Context, doctorId: string): Promise<string> {
    return this.#changeDoctorStatus(ctx, doctorId, 'VERIFIED', 'DoctorVerified');
  }

  @Transaction()
  @Returns('string')
  async SuspendDoctor(ctx: Context, doctorId: string): Promise<string> {
    return this.#changeDoctorStatus(ctx, doctorId, 'SUSPENDED', 'DoctorSuspended');
  }

  @Transaction(false)
  @Returns('string')
  async GetParticipant(ctx: Context, participantId: string): Promise<string> {
    const caller = authenticate(ctx);
    const id = participantIdArg('participantId', participantId);
    const participant = await readParticipant(ctx, id);
    await this.#checkMayView(ctx, caller, participant);
    return toSortedJson(participant);
  }

  /** A hospital's doctors, optionally of one status: for that hospital's admins and auditors. */
  @Transaction(false)
  @Returns('string')
  async ListDoctors(
    ctx: Context,
    mspId: string,
    status: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const msp = mspIdArg('mspId', mspId);
    const wanted = optional(
      status,
      (name, value) => oneOfArg(name, value, DOCTOR_STATUSES),
      'status',
    );
    const page = pageRequestArgs(pageSize, bookmark);
    requireRole(caller, ['admin', 'auditor'], 'list doctors');
    if (caller.role === 'admin' && caller.mspId !== msp) {
      throw forbidden(
        'WRONG_HOSPITAL',
        `an admin of ${caller.mspId} may not list the doctors of ${msp}`,
      );
    }
    const attributes = wanted ? [msp, wanted] : [msp];
    const keys = await pageOfPartialKey(ctx, DOCTOR_INDEX, attributes, page);
    const doctors: Participant[] = [];
    for (const { key } of keys.items) {
      const doctorId = ctx.stub.splitCompositeKey(key).attributes[2];
      if (!doctorId) throw corruptState('doctor index', key);
      doctors.push(await readParticipant(ctx, doctorId));
    }
    return toSortedJson({ items: doctors, bookmark: keys.bookmark });
  }

  async #changeDoctorStatus(
    ctx: Context,
    doctorIdValue: string,
    status: DoctorStatus,
    event: 'DoctorVerified' | 'DoctorSuspended',
  ): Promise<string> {
    const caller = authenticate(ctx);
    const doctorId = doctorIdArg('doctorId', doctorIdValue);
    requireRole(caller, ['admin'], "change a doctor's status");
    const doctor = await readParticipant(ctx, doctorId);
    if (caller.mspId !== doctor.mspId) {
      throw forbidden(
        'WRONG_HOSPITAL',
        `only an admin of ${doctor.mspId} may change the status of ${doctorId}`,
      );
    }
    if (doctor.status === status) throw conflict(`${doctorId} is already ${status.toLowerCase()}`);
    const updated: Participant = {
      ...doctor,
      status,
      updatedAt: txTime(ctx),
      updatedBy: caller.id,
    };
    await putParticipant(ctx, updated, doctor);
    emitEvent(ctx, event, { doctorId, adminId: caller.id, mspId: doctor.mspId });
    return toSortedJson(updated);
  }

  /**
   * Who may look a participant up: themselves, auditors, their hospital's admins, a verified
   * doctor finding a patient by ID, and a patient checking a doctor who asks for access.
   */
  async #checkMayView(ctx: Context, caller: Caller, participant: Participant): Promise<void> {
    switch (caller.role) {
      case 'auditor':
        return;
      case 'admin':
        if (caller.mspId === participant.mspId) return;
        break;
      case 'patient':
        await registeredCaller(ctx, caller);
        if (caller.id === participant.participantId || participant.role === 'doctor') return;
        break;
      case 'doctor':
        if (caller.id === participant.participantId) {
          await registeredCaller(ctx, caller);
          return;
        }
        await verifiedDoctor(ctx, caller);
        if (participant.role === 'patient') return;
        break;
    }
    throw forbidden('NOT_YOURS', `${caller.id} may not view ${participant.participantId}`);
  }
}

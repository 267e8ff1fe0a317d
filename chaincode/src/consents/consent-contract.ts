import type { Consent, HealthRecord } from '@patrec/contract';
import {
  MAX_EMERGENCIES_PER_DAY,
  MAX_EMERGENCY_SECONDS,
  MAX_GRANT_SECONDS,
  MIN_GRANT_SECONDS,
  PERMISSIONS,
  PURPOSES,
  type Scope,
} from '@patrec/contract/core';
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  consentIdArg,
  doctorIdArg,
  integerArg,
  oneOfArg,
  optional,
  patientIdArg,
  sha256Arg,
} from '../shared/arguments';
import { authenticate, requireRole, type Caller } from '../shared/caller';
import { conflict, expired, forbidden, invalidArgument } from '../shared/errors';
import { emitEvent } from '../shared/events';
import { consentIdFor } from '../shared/ids';
import { toSortedJson } from '../shared/ledger-json';
import { pageRequestArgs, type PageRequest } from '../shared/pagination';
import { addSeconds, txTime } from '../shared/time';
import {
  readParticipant,
  registeredCaller,
  requireSelfOrAuditor,
  verifiedDoctor,
} from '../participants/participant-ledger';
import { ownerOf } from '../records/health-record';
import { readLiveRecord } from '../records/record-ledger';
import { consentEventIds, isActive, scopeArg, viewOf, type ConsentEvent } from './consent';
import { consentForParty } from './consent-policy';
import {
  CONSENT_INDEXES,
  consentPage,
  consentsBetween,
  emergenciesOnDayOf,
  putConsent,
  putNewConsent,
  readConsent,
} from './consent-ledger';

const durationArg = (name: string, value: unknown) =>
  integerArg(name, value, MIN_GRANT_SECONDS, MAX_GRANT_SECONDS);

@Info({ title: 'ConsentContract', description: 'Requests, grants, shares, revocations' })
export class ConsentContract extends Contract {
  constructor() {
    super('consents');
  }

  /** A verified doctor asks a patient for access; at most one open request per patient. */
  @Transaction()
  @Returns('string')
  async RequestAccess(
    ctx: Context,
    patientId: string,
    scope: string,
    permission: string,
    purpose: string,
    durationSeconds: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const patient = patientIdArg('patientId', patientId);
    const requested = scopeArg('scope', scope);
    const access = oneOfArg('permission', permission, PERMISSIONS);
    const why = oneOfArg('purpose', purpose, PURPOSES);
    const duration = durationArg('durationSeconds', durationSeconds);
    requireRole(caller, ['doctor'], 'request access');
    await verifiedDoctor(ctx, caller);
    await readParticipant(ctx, patient);
    await this.#recordsOfScope(ctx, patient, requested);
    const held = await consentsBetween(ctx, patient, caller.id);
    if (held.some((consent) => consent.status === 'PENDING')) {
      throw conflict(`${caller.id} already has a pending request to ${patient}`);
    }
    const consent: Consent = {
      ...this.#newConsent(ctx, patient, caller.id),
      origin: 'request',
      status: 'PENDING',
      scope: requested,
      permission: access,
      durationSeconds: duration,
      purpose: why,
    };
    return this.#create(ctx, consent, 'AccessRequested');
  }

  /**
   * The patient grants a pending request. Empty arguments keep what was asked; given ones
   * may only narrow it: a scope inside the requested one, read instead of read-write, a
   * shorter duration.
   */
  @Transaction()
  @Returns('string')
  async GrantAccess(
    ctx: Context,
    consentId: string,
    scope: string,
    permission: string,
    durationSeconds: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const id = consentIdArg('consentId', consentId);
    const narrowedScope = optional(scope, scopeArg, 'scope');
    const narrowedPermission = optional(
      permission,
      (name, value) => oneOfArg(name, value, PERMISSIONS),
      'permission',
    );
    const narrowedDuration = optional(durationSeconds, durationArg, 'durationSeconds');
    const consent = await this.#pendingOfCaller(ctx, caller, id, 'grant access');
    const granted = narrowedScope ?? consent.scope;
    if (narrowedScope) {
      const records = await this.#recordsOfScope(ctx, consent.patientId, narrowedScope);
      if (!narrows(narrowedScope, records, consent.scope)) {
        throw invalidArgument('scope may only narrow what was requested');
      }
    }
    const access = narrowedPermission ?? consent.permission;
    if (access === 'read-write' && consent.permission === 'read') {
      throw invalidArgument('permission may only narrow what was requested (read)');
    }
    const duration = narrowedDuration ?? consent.durationSeconds;
    if (duration > consent.durationSeconds) {
      throw invalidArgument(
        `durationSeconds may not exceed the ${consent.durationSeconds} requested`,
      );
    }
    const now = txTime(ctx);
    const grant: Consent = {
      ...consent,
      status: 'GRANTED',
      scope: granted,
      permission: access,
      durationSeconds: duration,
      decidedAt: now,
      expiresAt: addSeconds(now, duration),
    };
    return this.#update(ctx, grant, 'AccessGranted');
  }

  @Transaction()
  @Returns('string')
  async RejectAccess(ctx: Context, consentId: string): Promise<string> {
    const caller = authenticate(ctx);
    const id = consentIdArg('consentId', consentId);
    const consent = await this.#pendingOfCaller(ctx, caller, id, 'reject access');
    const rejection: Consent = { ...consent, status: 'REJECTED', decidedAt: txTime(ctx) };
    return this.#update(ctx, rejection, 'AccessRejected');
  }

  /** The patient grants a doctor access unasked. */
  @Transaction()
  @Returns('string')
  async ShareWith(
    ctx: Context,
    doctorId: string,
    scope: string,
    permission: string,
    durationSeconds: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const doctor = doctorIdArg('doctorId', doctorId);
    const shared = scopeArg('scope', scope);
    const access = oneOfArg('permission', permission, PERMISSIONS);
    const duration = durationArg('durationSeconds', durationSeconds);
    requireRole(caller, ['patient'], 'share records');
    await registeredCaller(ctx, caller);
    await readParticipant(ctx, doctor);
    await this.#recordsOfScope(ctx, caller.id, shared);
    const now = txTime(ctx);
    const consent: Consent = {
      ...this.#newConsent(ctx, caller.id, doctor),
      origin: 'share',
      status: 'GRANTED',
      scope: shared,
      permission: access,
      durationSeconds: duration,
      decidedAt: now,
      expiresAt: addSeconds(now, duration),
    };
    return this.#create(ctx, consent, 'AccessShared');
  }

  /** The patient ends a grant; the very next transaction no longer finds it. */
  @Transaction()
  @Returns('string')
  async RevokeAccess(ctx: Context, consentId: string): Promise<string> {
    const caller = authenticate(ctx);
    const id = consentIdArg('consentId', consentId);
    const consent = await this.#consentOfCaller(ctx, caller, id, 'revoke access');
    if (consent.status !== 'GRANTED') {
      throw conflict(`consent ${id} is ${consent.status.toLowerCase()}, not granted`);
    }
    const now = txTime(ctx);
    if (!isActive(consent, now)) throw expired(`consent ${id} expired at ${consent.expiresAt}`);
    return this.#update(ctx, { ...consent, status: 'REVOKED', revokedAt: now }, 'AccessRevoked');
  }

  /**
   * A verified doctor declares an emergency: a read grant on everything, for at most 24 h,
   * flagged for the patient and auditors, and marked when the doctor is of another hospital
   * than the patient's. At most MAX_EMERGENCIES_PER_DAY per doctor and UTC day. The reason's
   * text stays off-chain; its SHA-256 is kept. Empty durationSeconds means the full 24 h.
   */
  @Transaction()
  @Returns('string')
  async EmergencyAccess(
    ctx: Context,
    patientId: string,
    reasonHash: string,
    durationSeconds: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const patient = patientIdArg('patientId', patientId);
    const reason = sha256Arg('reasonHash', reasonHash);
    const duration =
      optional(
        durationSeconds,
        (name, value) => integerArg(name, value, MIN_GRANT_SECONDS, MAX_EMERGENCY_SECONDS),
        'durationSeconds',
      ) ?? MAX_EMERGENCY_SECONDS;
    requireRole(caller, ['doctor'], 'declare an emergency');
    await verifiedDoctor(ctx, caller);
    const patientRecord = await readParticipant(ctx, patient);
    const now = txTime(ctx);
    const held = await consentsBetween(ctx, patient, caller.id);
    if (held.some((consent) => consent.origin === 'emergency' && isActive(consent, now))) {
      throw conflict(`${caller.id} already holds an active emergency grant for ${patient}`);
    }
    if ((await emergenciesOnDayOf(ctx, caller.id, now)) >= MAX_EMERGENCIES_PER_DAY) {
      throw forbidden(
        'EMERGENCY_LIMIT',
        `${caller.id} has declared ${MAX_EMERGENCIES_PER_DAY} emergencies today (UTC), as many as one may`,
      );
    }
    const consent: Consent = {
      ...this.#newConsent(ctx, patient, caller.id),
      origin: 'emergency',
      status: 'GRANTED',
      scope: { all: true },
      permission: 'read',
      durationSeconds: duration,
      reasonHash: reason,
      crossHospital: patientRecord.mspId !== caller.mspId,
      decidedAt: now,
      expiresAt: addSeconds(now, duration),
    };
    await putNewConsent(ctx, consent);
    // The doctor's hospital, whose admins are told of the emergency.
    emitEvent(ctx, 'EmergencyAccessGranted', { ...consentEventIds(consent), mspId: caller.mspId });
    return toSortedJson(viewOf(consent, now));
  }

  /** One consent, for its patient, its doctor and auditors. */
  @Transaction(false)
  @Returns('string')
  async GetConsent(ctx: Context, consentId: string): Promise<string> {
    const caller = authenticate(ctx);
    const id = consentIdArg('consentId', consentId);
    const consent = await consentForParty(ctx, caller, id);
    return toSortedJson(viewOf(consent, txTime(ctx)));
  }

  /** A patient's consents in every state, oldest first, for the patient and auditors. */
  @Transaction(false)
  @Returns('string')
  async ListPatientConsents(
    ctx: Context,
    patientId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const patient = patientIdArg('patientId', patientId);
    const page = pageRequestArgs(pageSize, bookmark);
    await this.#checkSelfOrAuditor(ctx, caller, patient, 'patient');
    return this.#page(ctx, CONSENT_INDEXES.byPatient, [patient], page);
  }

  /** A doctor's own requests and grants, oldest first, for the doctor and auditors. */
  @Transaction(false)
  @Returns('string')
  async ListDoctorConsents(
    ctx: Context,
    doctorId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const doctor = doctorIdArg('doctorId', doctorId);
    const page = pageRequestArgs(pageSize, bookmark);
    await this.#checkSelfOrAuditor(ctx, caller, doctor, 'doctor');
    return this.#page(ctx, CONSENT_INDEXES.byDoctor, [doctor], page);
  }

  /**
   * The consents between one patient and one doctor (in the order of their IDs), for either
   * of them and auditors: whether a doctor holds a grant from this patient now, without
   * reading all of the doctor's consents.
   */
  @Transaction(false)
  @Returns('string')
  async ListPairConsents(
    ctx: Context,
    patientId: string,
    doctorId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const caller = authenticate(ctx);
    const patient = patientIdArg('patientId', patientId);
    const doctor = doctorIdArg('doctorId', doctorId);
    const page = pageRequestArgs(pageSize, bookmark);
    requireRole(caller, ['patient', 'doctor', 'auditor'], 'list consents');
    const subject = caller.role === 'patient' ? patient : doctor;
    await requireSelfOrAuditor(ctx, caller, subject, 'list the consents');
    return this.#page(ctx, CONSENT_INDEXES.byPair, [patient, doctor], page);
  }

  /** Every emergency grant on the network, oldest first, for auditors. */
  @Transaction(false)
  @Returns('string')
  async ListEmergencyGrants(ctx: Context, pageSize: string, bookmark: string): Promise<string> {
    const caller = authenticate(ctx);
    const page = pageRequestArgs(pageSize, bookmark);
    requireRole(caller, ['auditor'], 'list emergency grants');
    return this.#page(ctx, CONSENT_INDEXES.emergencies, [], page);
  }

  #newConsent(ctx: Context, patientId: string, doctorId: string) {
    return {
      consentId: consentIdFor(ctx.stub.getTxID()),
      patientId,
      doctorId,
      purpose: null,
      reasonHash: null,
      createdAt: txTime(ctx),
      decidedAt: null,
      expiresAt: null,
      revokedAt: null,
    };
  }

  async #create(ctx: Context, consent: Consent, event: ConsentEvent): Promise<string> {
    await putNewConsent(ctx, consent);
    emitEvent(ctx, event, consentEventIds(consent));
    return toSortedJson(viewOf(consent, txTime(ctx)));
  }

  async #update(ctx: Context, consent: Consent, event: ConsentEvent): Promise<string> {
    await putConsent(ctx, consent);
    emitEvent(ctx, event, consentEventIds(consent));
    return toSortedJson(viewOf(consent, txTime(ctx)));
  }

  /** A consent the calling patient owns. */
  async #consentOfCaller(
    ctx: Context,
    caller: Caller,
    consentId: string,
    action: string,
  ): Promise<Consent> {
    requireRole(caller, ['patient'], action);
    await registeredCaller(ctx, caller);
    const consent = await readConsent(ctx, consentId);
    if (consent.patientId !== caller.id) {
      throw forbidden('NOT_YOURS', `consent ${consentId} is not ${caller.id}'s to decide`);
    }
    return consent;
  }

  async #pendingOfCaller(
    ctx: Context,
    caller: Caller,
    consentId: string,
    action: string,
  ): Promise<Consent> {
    const consent = await this.#consentOfCaller(ctx, caller, consentId, action);
    if (consent.status !== 'PENDING') {
      throw conflict(`consent ${consentId} is ${consent.status.toLowerCase()}, not pending`);
    }
    return consent;
  }

  /** The records a record scope names, each the patient's own and not deleted. */
  async #recordsOfScope(ctx: Context, patientId: string, scope: Scope): Promise<HealthRecord[]> {
    if (!('records' in scope)) return [];
    const foreign = scope.records.find((recordId) => ownerOf(recordId) !== patientId);
    if (foreign) throw invalidArgument(`record ${foreign} is not ${patientId}'s`);
    return Promise.all(scope.records.map((recordId) => readLiveRecord(ctx, recordId)));
  }

  async #checkSelfOrAuditor(
    ctx: Context,
    caller: Caller,
    subjectId: string,
    role: 'patient' | 'doctor',
  ): Promise<void> {
    requireRole(caller, [role, 'auditor'], `list a ${role}'s consents`);
    await requireSelfOrAuditor(ctx, caller, subjectId, 'list the consents');
  }

  async #page(
    ctx: Context,
    index: string,
    attributes: string[],
    page: PageRequest,
  ): Promise<string> {
    const consents = await consentPage(ctx, index, attributes, page);
    const now = txTime(ctx);
    return toSortedJson({
      items: consents.items.map((consent) => viewOf(consent, now)),
      bookmark: consents.bookmark,
    });
  }
}

/**
 * Whether a granted scope lies inside the requested one. `records` are the granted scope's
 * records (read by the caller), whose categories decide when categories were requested.
 */
function narrows(granted: Scope, records: HealthRecord[], requested: Scope): boolean {
  if ('all' in requested) return true;
  if ('categories' in requested) {
    if ('all' in granted) return false;
    if ('categories' in granted) {
      return granted.categories.every((category) => requested.categories.includes(category));
    }
    return records.every((record) => requested.categories.includes(record.category));
  }
  return 'records' in granted && granted.records.every((id) => requested.records.includes(id));
}

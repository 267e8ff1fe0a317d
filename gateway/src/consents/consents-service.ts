import { createHash, randomBytes } from 'node:crypto';
import {
  SECONDS_PER_DAY,
  type AccessLogEntry,
  type AccessLogQuery,
  type AccessRequest,
  type ConsentView,
  type EmergencyDeclaration,
  type EmergencyReason,
  type GrantTerms,
  type Page,
  type PageQuery,
  type Share,
} from '@patrec/contract';
import type { Session } from '../accounts/session.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { open, seal } from '../crypto/envelope.js';
import { fromStored } from '../crypto/stored.js';
import type { DoctorCards } from '../doctors/doctor-cards.js';
import { ApiError } from '../http/api-error.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EmergencyReasons } from './emergency-reasons.js';

const seconds = (days: number | undefined) =>
  days === undefined ? undefined : days * SECONDS_PER_DAY;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Consents as the API offers them: requests, decisions, shares, revocations, emergencies
 * and the access log. The ledger decides every one; this joins it with what lives off-chain
 * (emergency reasons, doctors' names). Durations are whole days here, seconds on the ledger.
 */
export class ConsentsService {
  constructor(
    readonly ledger: Ledger,
    /** Names the doctors in access histories. */
    readonly cards: DoctorCards,
    readonly dataKeys: DataKeys,
    readonly reasons: EmergencyReasons,
  ) {}

  request(session: Session, request: AccessRequest): Promise<ConsentView> {
    return this.ledger.as(session.userId, (ledger) =>
      ledger.consents.requestAccess({
        ...request,
        durationSeconds: request.durationDays * SECONDS_PER_DAY,
      }),
    );
  }

  /** A patient's consents, or a doctor's own requests and grants. */
  mine(session: Session, page: PageQuery): Promise<Page<ConsentView>> {
    return this.ledger.as(session.userId, (ledger) =>
      session.role === 'patient'
        ? ledger.consents.listPatientConsents({ patientId: session.userId, ...page })
        : ledger.consents.listDoctorConsents({ doctorId: session.userId, ...page }),
    );
  }

  get(session: Session, consentId: string): Promise<ConsentView> {
    return this.ledger.as(session.userId, (ledger) => ledger.consents.getConsent({ consentId }));
  }

  grant(session: Session, consentId: string, terms: GrantTerms): Promise<ConsentView> {
    return this.ledger.as(session.userId, (ledger) =>
      ledger.consents.grantAccess({
        consentId,
        scope: terms.scope,
        permission: terms.permission,
        durationSeconds: seconds(terms.durationDays),
      }),
    );
  }

  reject(session: Session, consentId: string): Promise<ConsentView> {
    return this.ledger.as(session.userId, (ledger) => ledger.consents.rejectAccess({ consentId }));
  }

  revoke(session: Session, consentId: string): Promise<ConsentView> {
    return this.ledger.as(session.userId, (ledger) => ledger.consents.revokeAccess({ consentId }));
  }

  share(session: Session, share: Share): Promise<ConsentView> {
    return this.ledger.as(session.userId, (ledger) =>
      ledger.consents.shareWith({
        doctorId: share.doctorId,
        scope: share.scope,
        permission: share.permission,
        durationSeconds: share.durationDays * SECONDS_PER_DAY,
      }),
    );
  }

  /**
   * Declares an emergency. The reason is sealed and stored before the ledger sees its hash,
   * so a committed emergency always has its reason; a refused one leaves nothing behind.
   */
  async declareEmergency(session: Session, declaration: EmergencyDeclaration) {
    const { patientId, reason } = declaration;
    const key = await this.dataKeys.keyOf(patientId).catch(() => {
      throw new ApiError('NOT_FOUND', `no patient ${patientId}`);
    });
    const stagedId = randomBytes(16).toString('hex');
    const reasonHash = sha256(reason);
    await this.reasons.stage({
      stagedId,
      patientId,
      doctorId: session.userId,
      reasonHash,
      sealed: seal(key, Buffer.from(reason), `emergency:${stagedId}`),
      createdAt: new Date(),
    });
    let consent: ConsentView;
    try {
      consent = await this.ledger.as(session.userId, (ledger) =>
        ledger.consents.emergencyAccess({ patientId, reasonHash }),
      );
    } catch (error) {
      // Only a refusal (4xx) means the ledger granted nothing; otherwise keep the reason.
      if (error instanceof ApiError && error.status < 500) await this.reasons.discard(stagedId);
      throw error;
    }
    await this.reasons.keep(stagedId, consent.consentId);
    return consent;
  }

  /** An emergency's stated reason: the ledger decides who may see it; its hash vouches for it. */
  async emergencyReason(session: Session, consentId: string): Promise<EmergencyReason> {
    const consent = await this.get(session, consentId);
    const stored = await this.reasons.of(consentId);
    if (!consent.reasonHash || !stored) {
      throw new ApiError(
        'NOT_FOUND',
        `consent ${consentId} is not an emergency with a stated reason`,
      );
    }
    const key = await this.dataKeys.keyOf(consent.patientId);
    const reason = open(key, fromStored(stored.sealed), `emergency:${stored.stagedId}`).toString();
    if (sha256(reason) !== consent.reasonHash) {
      throw new ApiError('INTEGRITY', 'the stored reason does not match the hash on the ledger');
    }
    return { consentId, doctorId: consent.doctorId, declaredAt: consent.decidedAt, reason };
  }

  /** Accesses to records, each naming who read: doctors by name and hospital. */
  async accessLog(session: Session, query: AccessLogQuery): Promise<Page<AccessLogEntry>> {
    const page = await this.ledger.as(session.userId, (ledger) =>
      ledger.access.listAccessLog({
        patientId: query.patientId ?? (session.role === 'patient' ? session.userId : undefined),
        recordId: query.recordId,
        accessorId: query.accessorId ?? (session.role === 'doctor' ? session.userId : undefined),
        from: query.from ? new Date(query.from).toISOString() : undefined,
        to: query.to ? new Date(query.to).toISOString() : undefined,
        pageSize: query.pageSize,
        bookmark: query.bookmark,
      }),
    );
    const items = await Promise.all(
      page.items.map(async (entry) => {
        const card = entry.accessorId.startsWith('DOC')
          ? await this.cards.of(entry.accessorId)
          : undefined;
        const accessor = card
          ? { id: card.id, name: card.name, hospital: card.hospitalName }
          : { id: entry.accessorId, name: null, hospital: null };
        return { ...entry, accessor };
      }),
    );
    return { items, bookmark: page.bookmark };
  }
}

import {
  ADMINISTRATIVE_GENDERS,
  MAX_PAGE_SIZE,
  type AdministrativeGender,
  type PatientIdentity,
} from '@patrec/contract';
import type { AccountStore } from '../accounts/account-store.js';
import type { AccountsService } from '../accounts/accounts-service.js';
import { ApiError } from '../http/api-error.js';
import type { Ledger } from '../ledger/ledger.js';

/**
 * Who a patient is, for a doctor the patient granted access (by request, share or an
 * emergency): the ledger says whether a grant is in force now, the patient's sealed
 * profile says who they are. Without a grant a doctor knows the patient ID only.
 */
export class PatientIdentities {
  constructor(
    readonly ledger: Ledger,
    readonly store: AccountStore,
    readonly accounts: AccountsService,
  ) {}

  async forDoctor(doctorId: string, patientId: string): Promise<PatientIdentity> {
    const consentId = await this.#grantInForce(doctorId, patientId);
    if (!consentId) {
      throw new ApiError(
        'FORBIDDEN',
        `${patientId}'s name, birth date and sex are shown to doctors they granted access; until then, only the patient ID`,
        { reason: 'NO_CONSENT' },
      );
    }
    const account = await this.store.findById(patientId);
    if (account?.role !== 'patient') {
      throw new ApiError('NOT_FOUND', `${patientId} has no account at this gateway`);
    }
    const profile = await this.accounts.profileOf(account);
    const text = (key: string) => (typeof profile[key] === 'string' ? profile[key] : '');
    return {
      patientId,
      firstName: text('firstName'),
      lastName: text('lastName'),
      dateOfBirth: text('dateOfBirth'),
      // Profiles from before sex was asked at sign-up have none.
      sex: ADMINISTRATIVE_GENDERS.includes(profile.sex as AdministrativeGender)
        ? (profile.sex as AdministrativeGender)
        : 'unknown',
      consentId,
    };
  }

  /** A grant of the patient's to the doctor in force now, if any. */
  async #grantInForce(doctorId: string, patientId: string): Promise<string | undefined> {
    let bookmark = '';
    do {
      const page = await this.ledger.as(doctorId, (ledger) =>
        ledger.consents.listPairConsents({
          patientId,
          doctorId,
          pageSize: MAX_PAGE_SIZE,
          bookmark,
        }),
      );
      const granted = page.items.find((consent) => consent.effectiveStatus === 'GRANTED');
      if (granted) return granted.consentId;
      bookmark = page.bookmark;
    } while (bookmark);
    return undefined;
  }
}

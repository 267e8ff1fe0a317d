import type { HospitalProfile } from '../config/gateway-config.js';
import { HospitalCa, IdentityTakenError, type EnrolledIdentity } from './hospital-ca.js';
import type { WalletIdentities } from './wallet-identities.js';

/** IDs below 100 are never handed to people (AccountStore starts at 100). */
const firstServiceNumber = 1;
const lastServiceNumber = 99;

/**
 * The gateway's own auditor identity, used by the reconciler to see which pending writes
 * reached the ledger. Enrolled once at the first hospital's CA and kept in the wallet.
 */
export async function gatewayAuditor(
  wallet: WalletIdentities,
  hospital: HospitalProfile,
): Promise<{ id: string; identity: EnrolledIdentity }> {
  const label = 'gateway-auditor';
  const known = await wallet.identityOf(label);
  if (known) return { id: label, identity: known };
  const ca = new HospitalCa(hospital);
  for (let n = firstServiceNumber; n <= lastServiceNumber; n += 1) {
    try {
      const identity = await ca.enroll(`AUD${n}`, 'auditor');
      await wallet.put(label, identity);
      return { id: label, identity };
    } catch (error) {
      if (!(error instanceof IdentityTakenError)) throw error;
    }
  }
  throw new Error('no free service auditor ID (AUD1–AUD99) at the CA');
}

/**
 * The ID scheme. People's IDs come from their certificate (the hospital CA put them there);
 * record IDs are per-patient sequences; consent and access IDs are the transaction ID with
 * a prefix, unique because Fabric refuses a second transaction with the same ID.
 */
export const PATIENT_ID = /^PAT[0-9]{1,12}$/;
export const DOCTOR_ID = /^DOC[0-9]{1,12}$/;
export const ADMIN_ID = /^ADM[0-9]{1,12}$/;
export const AUDITOR_ID = /^AUD[0-9]{1,12}$/;
/** Patients and doctors: the people who register on the ledger. */
export const PARTICIPANT_ID = /^(PAT|DOC)[0-9]{1,12}$/;
export const RECORD_ID = /^(PAT[0-9]{1,12})REC(0|[1-9][0-9]{0,9})$/;
export const CONSENT_ID = /^CON[0-9a-f]{64}$/;
export const ACCESS_ID = /^ACC[0-9a-f]{64}$/;

const TX_ID = /^[0-9a-f]{64}$/;

export function recordIdOf(patientId: string, sequence: number): string {
  return `${patientId}REC${sequence}`;
}

/** The owner and sequence number a record ID is made of, or undefined if it is malformed. */
export function splitRecordId(
  recordId: string,
): { patientId: string; sequence: number } | undefined {
  const match = RECORD_ID.exec(recordId);
  if (!match?.[1] || match[2] === undefined) return undefined;
  return { patientId: match[1], sequence: Number(match[2]) };
}

export function consentIdFor(txId: string): string {
  return `CON${checkedTxId(txId)}`;
}

export function accessIdFor(txId: string): string {
  return `ACC${checkedTxId(txId)}`;
}

function checkedTxId(txId: string): string {
  // Peers compute the ID as a SHA-256 in hex; anything else would make IDs that the
  // argument checks later refuse.
  if (!TX_ID.test(txId)) throw new Error(`unexpected transaction ID format: ${txId}`);
  return txId;
}

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
export const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Integrity sweeps: the gateway names each run. */
export const SWEEP_ID = /^SWP[0-9a-f]{16}$/;
export const MSP_ID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;
/** Bookmarks are opaque base64url tokens the chaincode hands out. */
export const BOOKMARK = /^[A-Za-z0-9_-]*$/;
export const MAX_BOOKMARK_LENGTH = 1024;

/** How each ID is described to someone who typed a wrong one. */
export const ID_EXAMPLES = {
  patient: 'a patient ID such as PAT177',
  doctor: 'a doctor ID such as DOC140',
  participant: 'a patient or doctor ID such as PAT177 or DOC140',
  record: 'a record ID such as PAT177REC0',
  consent: 'a consent ID (CON and 64 hex digits)',
  sha256: 'a SHA-256 digest in lowercase hex (64 digits)',
  sweep: 'a sweep ID (SWP and 16 hex digits)',
  msp: 'an MSP ID such as HospitalAMSP',
} as const;

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

/** The patient a record belongs to (PAT168REC3 belongs to PAT168), or undefined. */
export function ownerOfRecord(recordId: string): string | undefined {
  return splitRecordId(recordId)?.patientId;
}

/** The shapes the gateway answers with (see its /api/openapi.json and the chaincode views). */

export type Role = 'patient' | 'doctor' | 'admin' | 'auditor';

export interface SessionUser {
  id: string;
  role: Role;
  hospital: string;
}

export interface Me extends SessionUser {
  email: string;
  createdAt: string;
  totpEnabled: boolean;
  profile: Record<string, unknown>;
}

export interface CreatedAccount {
  id: string;
  totp?: { secret: string; uri: string };
}

export const CATEGORIES = [
  'general-medicine',
  'clinical-results',
  'cardiac',
  'dermatology',
  'dentistry',
  'document',
] as const;
export type Category = (typeof CATEGORIES)[number];
export type FormCategory = Exclude<Category, 'document'>;

export interface RecordSummary {
  recordId: string;
  patientId: string;
  category: Category;
  version: number;
  status: string;
  createdAt: string;
  updatedAt: string;
}

/** What a doctor sees of a patient's records before any consent: IDs, categories, dates. */
export interface RecordDirectory {
  accessId: string;
  patientId: string;
  records: Pick<RecordSummary, 'recordId' | 'category' | 'createdAt' | 'updatedAt'>[];
}

export type Gender = 'female' | 'male' | 'other';
export type YesNo = 'yes' | 'no';
export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;
export type BloodGroup = (typeof BLOOD_GROUPS)[number];
export type Severity = 'mild' | 'moderate' | 'severe';

export interface GeneralMedicineForm {
  gender: Gender;
  age: number;
  weightLbs: number;
  heightFeet: number;
  bloodGroup: BloodGroup;
  bloodPressure: string;
  diabetes: YesNo;
  foodAllergies: string;
  notes?: string;
}

export interface ClinicalResultsForm {
  testName: string;
  result: string;
  unit?: string;
  referenceRange?: string;
  takenOn: string;
  notes?: string;
}

export interface CardiacForm {
  heartRate: number;
  bloodPressure: string;
  ecgFindings: string;
  cholesterolMgDl?: number;
  chestPain: YesNo;
  notes?: string;
}

export interface DermatologyForm {
  condition: string;
  affectedArea: string;
  severity: Severity;
  treatment: string;
  notes?: string;
}

export interface DentistryForm {
  teeth: number[];
  procedure: string;
  findings: string;
  nextVisit?: string;
  notes?: string;
}

export interface UploadedDocument {
  fileName: string;
  contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'text/plain';
  dataBase64: string;
}

export type RecordContent =
  | { category: 'general-medicine'; form: GeneralMedicineForm }
  | { category: 'clinical-results'; form: ClinicalResultsForm }
  | { category: 'cardiac'; form: CardiacForm }
  | { category: 'dermatology'; form: DermatologyForm }
  | { category: 'dentistry'; form: DentistryForm }
  | { category: 'document'; document: UploadedDocument };

/** A stored record's content: as entered, plus values the gateway derives (BMI). */
export type StoredContent = RecordContent & { derived?: { bmi?: number } };

export interface RecordRead {
  record: RecordSummary;
  content: StoredContent;
  access: { accessId: string; consentId: string | null; emergency: boolean };
}

export type Scope = { all: true } | { categories: Category[] } | { records: string[] };
export type Permission = 'read' | 'read-write';
export const PURPOSES = [
  'treatment',
  'diagnosis',
  'second-opinion',
  'referral',
  'follow-up',
  'research',
] as const;
export type Purpose = (typeof PURPOSES)[number];
export type ConsentStatus = 'PENDING' | 'GRANTED' | 'REJECTED' | 'REVOKED';
export type ConsentOrigin = 'request' | 'share' | 'emergency';

export interface Consent {
  consentId: string;
  patientId: string;
  doctorId: string;
  origin: ConsentOrigin;
  status: ConsentStatus;
  /** The status at the time of the query: a lapsed grant reads EXPIRED. */
  effectiveStatus?: ConsentStatus | 'EXPIRED';
  scope: Scope;
  permission: Permission;
  durationSeconds: number;
  purpose: Purpose | null;
  reasonHash: string | null;
  createdAt: string;
  decidedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface Page<T> {
  items: T[];
  bookmark: string;
}

export interface AccessEntry {
  accessId: string;
  kind: 'record' | 'directory';
  patientId: string;
  recordId: string | null;
  version: number | null;
  accessorId: string;
  accessorMspId: string;
  consentId: string | null;
  emergency: boolean;
  accessedAt: string;
  txId: string;
  /** Added by the gateway: doctors by name and hospital name; others with nulls. */
  accessor?: { id: string; name?: string | null; hospital?: string | null };
}

export interface AccessLogFilter {
  patientId?: string;
  recordId?: string;
  accessorId?: string;
  /** ISO date-times; [from, to). */
  from?: string;
  to?: string;
}

export type DoctorStatus = 'UNVERIFIED' | 'VERIFIED' | 'SUSPENDED';

/** A doctor's card (GET /api/doctors/:id); the admin's list adds status and registeredAt. */
export interface Doctor {
  id: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  specialty?: string;
  /** The hospital's key (hospitala) … */
  hospital?: string;
  /** … and its name (HospitalA). */
  hospitalName?: string;
  qualification?: string;
  clinicAddress?: string;
  branch?: string;
  schedule?: unknown;
  status?: DoctorStatus;
  registeredAt?: string;
}

/** A participant as the ledger holds it: no name, nothing personal. */
export interface Participant {
  participantId: string;
  role: 'patient' | 'doctor';
  mspId: string;
  status: 'ACTIVE' | DoctorStatus;
  registeredAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** One past value of a ledger key (newest first), from the audit history endpoints. */
export interface HistoryEntry<T> {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  value: T | null;
}

export interface IntegrityAlert {
  recordId: string;
  version: number;
  patientId: string;
  problem: string;
  detectedAt: string;
  detectedBy: string;
}

export interface SweepResult {
  checked: number;
  findings: { recordId: string; version: number; problem: string }[];
}

export interface Health {
  status: string;
  checks: Record<string, { up: boolean }>;
}

/** One chaincode event as GET /api/events sends it. */
export interface LedgerEvent {
  name: string;
  ids: Record<string, string | null | undefined>;
  txId?: string;
  blockNumber?: string | number;
}

/** One node as GET /api/network/status reports it (peers today; orderers if it ever does). */
export interface NetworkNode {
  name?: string;
  hospital?: string;
  mspId?: string;
  endpoint?: string;
  url?: string;
  up?: boolean;
  height?: number | null;
}

export interface NetworkReport {
  channel?: string;
  chaincode?: { name?: string; version?: string; sequence?: number } | null;
  peers?: NetworkNode[];
  orderers?: NetworkNode[];
}

import {
  MAX_PAGE_SIZE,
  accessRequest,
  emergencyDeclaration,
  recordContent,
  share,
  type AccessRequest,
  type Category,
  type ConsentOrigin,
  type ConsentView,
  type EmergencyDeclaration,
  type RecordContent,
  type Share,
} from '@patrec/contract';
import type { Session } from '../accounts/session.js';
import type { GatewayServices } from '../gateway-services.js';
import { insertIfAbsent } from '../store/store-helpers.js';
import { demoPeople, type DemoLogin } from './demo-accounts.js';

/**
 * The demo network `npm start` seeds once, so that a newcomer logs in to a network in use:
 * - the demo patient (PAT100) has a record of every clinical form and an uploaded document,
 *   a request from the demo doctor waiting for her answer, and an emergency access by a
 *   second doctor, with its reason and the reads it allowed;
 * - Maria Santos granted the demo doctor her records, and he looked them up and read two;
 * - Aisha Rahman shared a record with the demo doctor and revoked the share once he read it;
 * - Jonas Berg has records of his own and no consents.
 * Everything goes through the services the routes use, so the ledger and the store hold
 * what the same steps in the web app would have made. Each step looks first at what the
 * ledger holds, so a start that stopped half-way is finished by the next, without doubles.
 */

const emails = {
  demoPatient: 'patient@patrec.demo',
  demoDoctor: 'doctor@patrec.demo',
  emergencyDoctor: 'doctor.a@patrec.demo',
  maria: 'maria.santos@patrec.demo',
  jonas: 'jonas.berg@patrec.demo',
  aisha: 'aisha.rahman@patrec.demo',
};

export const demoEmergencyReason =
  'Found collapsed at home and not responding; her medication, allergies and cardiac history are needed now.';

/** What this seeding added; zeros when an earlier start had done it all but the marker. */
export interface DemoNetworkSummary {
  records: number;
  consents: number;
  reads: number;
}

/** Written once everything is in place: later starts look it up by `_id` and stop there. */
const seededMarker = 'demo-network';

export async function seedDemoNetwork(
  services: GatewayServices,
  logins: DemoLogin[],
  progress: (message: string) => void = () => undefined,
): Promise<DemoNetworkSummary | undefined> {
  const marks = services.db.collection<{ _id: string; seededAt: Date }>('demoSeeds');
  if (await marks.findOne({ _id: seededMarker })) return undefined;
  progress('demo network: records, consents and reads of 4 patients (once) …');
  const network = new DemoNetwork(services, logins);
  // The patients' stories touch different keys on the ledger, so they are written side by side.
  await Promise.all([network.demoPatient(), network.maria(), network.aisha(), network.jonas()]);
  await services.reads.settled();
  await insertIfAbsent(marks, { _id: seededMarker, seededAt: new Date() });
  return network.made;
}

const dayMs = 86_400_000;
/** A calendar date `days` from today (negative: in the past). */
const dayFromToday = (days: number) =>
  new Date(Date.now() + days * dayMs).toISOString().slice(0, 10);

function ageOf(email: string): number {
  const born = demoPeople.find((person) => person.email === email)?.profile.dateOfBirth;
  if (typeof born !== 'string') throw new Error(`demo person ${email} has no birth date`);
  const today = new Date().toISOString().slice(0, 10);
  const years = Number(today.slice(0, 4)) - Number(born.slice(0, 4));
  return today.slice(5) < born.slice(5) ? years - 1 : years;
}

const immunisationRecord = `Immunisation record: Pat Demo
Tetanus, diphtheria, pertussis (Tdap)   booster   2019-05-14
Hepatitis B                              3 doses   complete 2004
Influenza                                seasonal  ${dayFromToday(-120)}
COVID-19                                 booster   ${dayFromToday(-300)}
`;

class DemoNetwork {
  readonly made: DemoNetworkSummary = { records: 0, consents: 0, reads: 0 };

  constructor(
    readonly services: GatewayServices,
    readonly logins: DemoLogin[],
  ) {}

  /** Records of every form and a document; a request waiting for her; an emergency. */
  async demoPatient() {
    const patient = this.#person(emails.demoPatient);
    const records = await this.#records(patient, [
      {
        category: 'general-medicine',
        form: {
          gender: 'female',
          age: ageOf(emails.demoPatient),
          weightLbs: 148,
          heightFeet: 5.5,
          bloodGroup: 'O+',
          bloodPressure: '118/76',
          diabetes: 'no',
          foodAllergies: 'Shellfish',
          notes: 'Annual check-up. Allergic to penicillin (rash, 2009).',
        },
      },
      {
        category: 'clinical-results',
        form: {
          testName: 'HbA1c',
          result: '5.4',
          unit: '%',
          referenceRange: '4.0–5.6',
          takenOn: dayFromToday(-40),
          notes: 'Fasting sample.',
        },
      },
      {
        category: 'cardiac',
        form: {
          heartRate: 68,
          bloodPressure: '122/78',
          ecgFindings: 'Normal sinus rhythm, no ST changes.',
          cholesterolMgDl: 182,
          chestPain: 'no',
        },
      },
      {
        category: 'dermatology',
        form: {
          condition: 'Contact dermatitis',
          affectedArea: 'Both hands',
          severity: 'mild',
          treatment: 'Hydrocortisone 1% cream twice daily for 7 days; nitrile gloves at work.',
        },
      },
      {
        category: 'dentistry',
        form: {
          teeth: [16, 26],
          procedure: 'Composite fillings',
          findings: 'Occlusal caries on 16 and 26; gums healthy.',
          nextVisit: dayFromToday(180),
        },
      },
      {
        category: 'document',
        document: {
          fileName: 'immunisation-record.txt',
          contentType: 'text/plain',
          dataBase64: Buffer.from(immunisationRecord).toString('base64'),
        },
      },
    ]);
    const doctor = this.#person(emails.demoDoctor);
    const emergencyDoctor = this.#person(emails.emergencyDoctor);
    await Promise.all([
      this.#requested(doctor, {
        patientId: patient.id,
        scope: { categories: ['cardiac', 'clinical-results'] },
        permission: 'read',
        purpose: 'second-opinion',
        durationDays: 30,
      }),
      (async () => {
        const declaration = { patientId: patient.id, reason: demoEmergencyReason };
        const emergency = await this.#emergency(emergencyDoctor, declaration);
        // A start resumed after the emergency ran out reads nothing more.
        if (emergency.effectiveStatus !== 'GRANTED') return;
        const needed = [records('general-medicine'), records('cardiac')];
        await this.#readsOnce(emergencyDoctor, patient, needed);
      })(),
    ]);
  }

  /** Granted the demo doctor all her records (read-write), which he looked up and read. */
  async maria() {
    const patient = this.#person(emails.maria);
    const records = await this.#records(patient, [
      {
        category: 'cardiac',
        form: {
          heartRate: 88,
          bloodPressure: '148/92',
          ecgFindings: 'Left ventricular hypertrophy by voltage criteria; no acute ST changes.',
          cholesterolMgDl: 246,
          chestPain: 'yes',
          notes: 'Chest tightness when climbing stairs, for three weeks.',
        },
      },
      {
        category: 'clinical-results',
        form: {
          testName: 'LDL cholesterol',
          result: '4.1',
          unit: 'mmol/L',
          referenceRange: 'below 3.0',
          takenOn: dayFromToday(-12),
        },
      },
      {
        category: 'general-medicine',
        form: {
          gender: 'female',
          age: ageOf(emails.maria),
          weightLbs: 172,
          heightFeet: 5.25,
          bloodGroup: 'A+',
          bloodPressure: '146/90',
          diabetes: 'yes',
          notes: 'Type 2 diabetes, on metformin 500 mg twice daily.',
        },
      },
    ]);
    const doctor = this.#person(emails.demoDoctor);
    const request = await this.#requested(doctor, {
      patientId: patient.id,
      scope: { all: true },
      permission: 'read-write',
      purpose: 'treatment',
      durationDays: 180,
    });
    if (request.status === 'PENDING') {
      await this.services.consents.grant(this.#session(patient), request.consentId, {});
    }
    await this.#readsOnce(doctor, patient, [records('cardiac'), records('clinical-results')], {
      lookUpFirst: true,
    });
  }

  /** Shared one record with the demo doctor and revoked the share after he read it. */
  async aisha() {
    const patient = this.#person(emails.aisha);
    const records = await this.#records(patient, [
      {
        category: 'cardiac',
        form: {
          heartRate: 104,
          bloodPressure: '116/74',
          ecgFindings: 'Sinus tachycardia; a 24-hour Holter recording is advised.',
          chestPain: 'no',
          notes: 'Palpitations at night and after coffee.',
        },
      },
      {
        category: 'clinical-results',
        form: {
          testName: 'TSH',
          result: '0.2',
          unit: 'mIU/L',
          referenceRange: '0.4–4.0',
          takenOn: dayFromToday(-20),
          notes: 'Low: thyroid function to be followed up.',
        },
      },
    ]);
    const doctor = this.#person(emails.demoDoctor);
    const shared = await this.#shared(patient, {
      doctorId: doctor.id,
      scope: { records: [records('cardiac')] },
      permission: 'read',
      durationDays: 30,
    });
    if (shared.status !== 'GRANTED') return;
    await this.#readsOnce(doctor, patient, [records('cardiac')]);
    // Revoked once the read is on the ledger, as a patient would after the doctor's answer.
    await this.services.reads.settled();
    await this.services.consents.revoke(this.#session(patient), shared.consentId);
  }

  async jonas() {
    const patient = this.#person(emails.jonas);
    await this.#records(patient, [
      {
        category: 'dermatology',
        form: {
          condition: 'Plaque psoriasis',
          affectedArea: 'Elbows and knees',
          severity: 'moderate',
          treatment: 'Calcipotriol and betamethasone gel once daily for 4 weeks.',
        },
      },
      {
        category: 'dentistry',
        form: {
          teeth: [36],
          procedure: 'Root canal treatment',
          findings: 'Periapical lesion on 36.',
          nextVisit: dayFromToday(21),
        },
      },
    ]);
  }

  /**
   * The patient's record of each content's category, added by the patient where the ledger
   * has none; answers the record ID of a category.
   */
  async #records(patient: DemoLogin, contents: RecordContent[]) {
    const existing = await this.services.ledger.as(patient.id, (ledger) =>
      ledger.records.listRecords({ patientId: patient.id, pageSize: MAX_PAGE_SIZE, bookmark: '' }),
    );
    const ids = new Map<Category, string>(
      existing.items
        .filter((record) => record.status === 'ACTIVE')
        .map((record) => [record.category, record.recordId]),
    );
    for (const content of contents) {
      if (ids.has(content.category)) continue;
      // One after another: a patient's record IDs come from one counter on the ledger.
      const created = await this.services.records.create(
        this.#session(patient),
        patient.id,
        recordContent.parse(content),
      );
      ids.set(content.category, created.recordId);
      this.made.records += 1;
    }
    return (category: Category) => {
      const id = ids.get(category);
      if (!id) throw new Error(`the demo ${patient.id} has no ${category} record`);
      return id;
    };
  }

  async #requested(doctor: DemoLogin, request: AccessRequest): Promise<ConsentView> {
    const earlier = await this.#consent(request.patientId, doctor.id, 'request');
    if (earlier) return earlier;
    this.made.consents += 1;
    return this.services.consents.request(this.#session(doctor), accessRequest.parse(request));
  }

  async #shared(patient: DemoLogin, terms: Share): Promise<ConsentView> {
    const earlier = await this.#consent(patient.id, terms.doctorId, 'share');
    if (earlier) return earlier;
    this.made.consents += 1;
    return this.services.consents.share(this.#session(patient), share.parse(terms));
  }

  async #emergency(doctor: DemoLogin, declaration: EmergencyDeclaration): Promise<ConsentView> {
    const earlier = await this.#consent(declaration.patientId, doctor.id, 'emergency');
    if (earlier) return earlier;
    this.made.consents += 1;
    return this.services.consents.declareEmergency(
      this.#session(doctor),
      emergencyDeclaration.parse(declaration),
    );
  }

  /** The pair's latest consent of that origin, if any. */
  async #consent(patientId: string, doctorId: string, origin: ConsentOrigin) {
    const page = await this.services.ledger.as(doctorId, (ledger) =>
      ledger.consents.listPairConsents({
        patientId,
        doctorId,
        pageSize: MAX_PAGE_SIZE,
        bookmark: '',
      }),
    );
    return page.items
      .filter((consent) => consent.origin === origin)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .at(-1);
  }

  /**
   * The doctor reads the records (after a look at the patient's record list, when asked),
   * unless the access log has a read of the doctor's on this patient already.
   */
  async #readsOnce(
    doctor: DemoLogin,
    patient: DemoLogin,
    recordIds: string[],
    { lookUpFirst = false } = {},
  ) {
    const { services } = this;
    const log = await services.consents.accessLog(this.#session(patient), {
      patientId: patient.id,
      accessorId: doctor.id,
      pageSize: 1,
      bookmark: '',
    });
    if (log.items.length > 0) return;
    const session = this.#session(doctor);
    if (lookUpFirst) {
      await services.records.directory(session, patient.id, { pageSize: 20, bookmark: '' });
    }
    await Promise.all(recordIds.map((recordId) => services.records.read(session, recordId)));
    this.made.reads += recordIds.length;
  }

  #person(email: string): DemoLogin {
    const login = this.logins.find((each) => each.email === email);
    if (!login) throw new Error(`the demo network needs the demo account ${email}`);
    return login;
  }

  /** The session a log-in would give the person; the services take no more than that. */
  #session(login: DemoLogin): Session {
    return {
      id: `demo-network:${login.id}`,
      userId: login.id,
      role: login.role,
      hospital: login.hospital,
      csrfToken: '',
      expiresAt: new Date(Date.now() + 3_600_000),
    };
  }
}

import type { RecordContent, RecordSummary } from '@patrec/contract';
import { integrationApp } from './integration-app.js';
import { personFor } from './people.js';

/**
 * The scene of the consent tests, on a fresh app: a patient of HospitalA with one record,
 * and a doctor of HospitalB whom that hospital's admin has verified.
 */
export async function consentScene(
  content: RecordContent,
  doctorProfile = {},
  patientProfile = {},
) {
  const gateway = await integrationApp();
  const { app, services } = gateway;
  const patient = await personFor(app, services, 'patient', 'hospitala', patientProfile);
  const doctor = await personFor(app, services, 'doctor', 'hospitalb', doctorProfile);
  const admin = await personFor(app, services, 'admin', 'hospitalb');
  await admin.send('post', `/api/doctors/${doctor.id}/verify`).expect(200);
  const created = await patient
    .send('post', `/api/patients/${patient.id}/records`, content)
    .expect(201);
  return { gateway, patient, doctor, admin, recordId: (created.body as RecordSummary).recordId };
}

export type ConsentScene = Awaited<ReturnType<typeof consentScene>>;

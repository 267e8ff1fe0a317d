import { randomInt } from 'node:crypto';
import { freshTotp } from '../../../gateway/src/test-support/fresh-totp.js';
import type { DemoLogin } from '../services/demo-accounts.js';
import { HttpSession } from './http-session.js';

export interface Timed {
  latenciesMs: number[];
  seconds: number;
}

async function timed(
  count: number,
  step: (i: number) => Promise<void>,
  onProgress: (n: number) => void,
) {
  const latenciesMs: number[] = [];
  const began = performance.now();
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    await step(i);
    latenciesMs.push(performance.now() - t0);
    if ((i + 1) % 50 === 0) onProgress(i + 1);
  }
  return { latenciesMs, seconds: (performance.now() - began) / 1000 };
}

/**
 * One new patient writes `count` general-medicine records through the gateway (sealed, hash
 * committed on the ledger); then a verified demo doctor, granted by a share, reads each one
 * (consent-checked AccessRecord transaction, fetch, hash check, decrypt).
 */
export async function benchRecords(
  gatewayUrl: string,
  doctorLogin: DemoLogin,
  count: number,
  log: (message: string) => void,
) {
  const patient = new HttpSession(gatewayUrl);
  const email = `bench.${randomInt(1e9)}@example.org`;
  const password = 'bench password 2026';
  const { id: patientId } = await patient.call<{ id: string }>('POST', '/api/accounts/patients', {
    firstName: 'Bench',
    lastName: 'Patient',
    dateOfBirth: '1970-01-01',
    address: '1 Load Street',
    city: 'Throughput',
    state: 'Latency',
    country: 'Benchland',
    email,
    password,
  });
  await patient.login(email, password);

  const doctor = new HttpSession(gatewayUrl);
  const { id, password: doctorPassword, totpSecret } = doctorLogin;
  await doctor.login(id, doctorPassword, await freshTotp(totpSecret!, id));
  await patient.call('POST', '/api/consents/shares', {
    doctorId: doctorLogin.id,
    scope: { all: true },
    permission: 'read',
    durationDays: 1,
  });

  const recordIds: string[] = [];
  log(`writing ${count} records as ${patientId} …`);
  const writes = await timed(
    count,
    async (i) => {
      const created = await patient.call<{ recordId: string }>(
        'POST',
        `/api/patients/${patientId}/records`,
        {
          category: 'general-medicine',
          form: {
            gender: 'other',
            age: 40 + (i % 40),
            weightLbs: 150 + (i % 50),
            heightFeet: 5.5,
            bloodGroup: 'O+',
            bloodPressure: '120/80',
            diabetes: 'no',
            foodAllergies: 'none',
          },
        },
      );
      recordIds.push(created.recordId);
    },
    (n) => log(`  ${n}/${count} written`),
  );
  log(`reading them as ${doctorLogin.id} …`);
  const reads = await timed(
    count,
    async (i) => {
      await doctor.call('GET', `/api/records/${recordIds[i]}`);
    },
    (n) => log(`  ${n}/${count} read`),
  );
  return { patientId, writes, reads };
}

import type { GatewayServices } from '../gateway-services.js';
import type { Role } from '../http/route.js';

export const demoPassword = 'patrec-demo-2026';

interface DemoPerson {
  email: string;
  role: Role;
  hospital: number;
  profile: Record<string, unknown>;
}

const demoPeople: DemoPerson[] = [
  {
    email: 'admin.a@patrec.demo',
    role: 'admin',
    hospital: 0,
    profile: { firstName: 'Ada', lastName: 'Admin' },
  },
  {
    email: 'admin.b@patrec.demo',
    role: 'admin',
    hospital: 1,
    profile: { firstName: 'Ben', lastName: 'Admin' },
  },
  {
    email: 'auditor@patrec.demo',
    role: 'auditor',
    hospital: 0,
    profile: { firstName: 'Aude', lastName: 'Auditor' },
  },
  {
    email: 'patient@patrec.demo',
    role: 'patient',
    hospital: 0,
    profile: {
      firstName: 'Pat',
      lastName: 'Demo',
      dateOfBirth: '1980-04-12',
      address: '1 Demo Street',
      city: 'Springfield',
      state: 'Demo State',
      country: 'Demoland',
    },
  },
  {
    email: 'doctor@patrec.demo',
    role: 'doctor',
    hospital: 1,
    profile: {
      firstName: 'Dana',
      lastName: 'Doctor',
      specialty: 'Cardiology',
      qualification: 'MD',
      clinicAddress: '2 Clinic Road',
      branch: 'Main',
      phone: '+1 555 0100',
      schedule: [{ day: 'monday', from: '09:00', to: '17:00' }],
    },
  },
];

export interface DemoLogin {
  id: string;
  email: string;
  role: Role;
  hospital: string;
  password: string;
  totpSecret?: string;
}

/**
 * Creates the demo accounts that do not exist yet (one admin per hospital, an auditor, a
 * patient, and a doctor whom their hospital's admin has verified). Safe to run at every start.
 */
export async function seedDemoAccounts(services: GatewayServices): Promise<DemoLogin[]> {
  const { accounts, store, ledger } = services;
  const logins: DemoLogin[] = [];
  for (const person of demoPeople) {
    const hospital = accounts.hospitals[person.hospital] ?? accounts.hospitals[0]!;
    let account = await store.findByLogin(person.email);
    if (!account) {
      const created = await accounts.create({
        role: person.role,
        hospital: hospital.key,
        email: person.email,
        password: demoPassword,
        profile: person.profile,
      });
      account = await store.findById(created.id);
      if (person.role === 'doctor') {
        const admin = logins.find((l) => l.role === 'admin' && l.hospital === hospital.key);
        if (admin) {
          await ledger.as(admin.id, (admin) =>
            admin.participants.verifyDoctor({ doctorId: created.id }),
          );
        }
      }
    }
    if (!account) throw new Error(`demo account ${person.email} was not created`);
    const totpSecret = accounts.totpSecretOf(account);
    logins.push({
      id: account._id,
      email: account.email,
      role: account.role,
      hospital: account.hospital,
      password: demoPassword,
      ...(totpSecret ? { totpSecret } : {}),
    });
  }
  return logins;
}

import type { Account } from '../accounts/account.js';
import type { GatewayServices } from '../gateway-services.js';
import type { Role } from '../http/route.js';

export const demoPassword = 'patrec-demo-2026';

export interface DemoPerson {
  email: string;
  role: Role;
  hospital: number;
  profile: Record<string, unknown>;
}

export const demoPeople: readonly DemoPerson[] = [
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
      sex: 'female',
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
  // The people of the demo network (demo-network.ts): after the five above, so those keep
  // their IDs.
  {
    email: 'doctor.a@patrec.demo',
    role: 'doctor',
    hospital: 0,
    profile: {
      firstName: 'Omar',
      lastName: 'Haddad',
      specialty: 'Emergency medicine',
      qualification: 'MD, FRCEM',
      clinicAddress: '5 Hospital Way, Emergency Department',
      branch: 'Emergency',
      phone: '+1 555 0101',
      schedule: ['tuesday', 'wednesday', 'thursday'].map((day) => ({
        day,
        from: '08:00',
        to: '20:00',
      })),
    },
  },
  {
    email: 'maria.santos@patrec.demo',
    role: 'patient',
    hospital: 1,
    profile: {
      firstName: 'Maria',
      lastName: 'Santos',
      dateOfBirth: '1957-09-23',
      sex: 'female',
      address: '27 Rua das Flores',
      city: 'Porto',
      state: 'Porto',
      country: 'Portugal',
    },
  },
  {
    email: 'jonas.berg@patrec.demo',
    role: 'patient',
    hospital: 0,
    profile: {
      firstName: 'Jonas',
      lastName: 'Berg',
      dateOfBirth: '1992-01-30',
      sex: 'male',
      address: '8 Bjerkeveien',
      city: 'Bergen',
      state: 'Vestland',
      country: 'Norway',
    },
  },
  {
    email: 'aisha.rahman@patrec.demo',
    role: 'patient',
    hospital: 1,
    profile: {
      firstName: 'Aisha',
      lastName: 'Rahman',
      dateOfBirth: '1988-06-05',
      sex: 'female',
      address: '41 Park Road',
      city: 'Leeds',
      state: 'West Yorkshire',
      country: 'United Kingdom',
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
 * Creates the demo accounts that do not exist yet (one admin per hospital, an auditor, the
 * patients and doctors of the demo, each doctor verified by their hospital's admin), and
 * answers all their logins in the order above. Safe to run at every start.
 */
export async function seedDemoAccounts(services: GatewayServices): Promise<DemoLogin[]> {
  const accounts = new Map<DemoPerson, Account>();
  // IDs are handed out per role in sign-up order, so each role's people sign up one after
  // another (PAT100 stays the demo patient on a fresh network); the roles go side by side.
  const roles = [...new Set(demoPeople.map((person) => person.role))];
  await Promise.all(
    roles.map(async (role) => {
      for (const person of demoPeople.filter((each) => each.role === role)) {
        accounts.set(person, await accountOf(services, person));
      }
    }),
  );
  const logins = demoPeople.map((person) => loginOf(services, accounts.get(person)!));
  await Promise.all(
    logins
      .filter((login) => login.role === 'doctor')
      .map((doctor) => verified(services, doctor, logins)),
  );
  return logins;
}

async function accountOf(services: GatewayServices, person: DemoPerson): Promise<Account> {
  const { accounts, store } = services;
  const existing = await store.findByLogin(person.email);
  if (existing) return existing;
  const hospital = accounts.hospitals[person.hospital] ?? accounts.hospitals[0]!;
  const created = await accounts.create({
    role: person.role,
    hospital: hospital.key,
    email: person.email,
    password: demoPassword,
    profile: person.profile,
  });
  const account = await store.findById(created.id);
  if (!account) throw new Error(`demo account ${person.email} was not created`);
  return account;
}

function loginOf(services: GatewayServices, account: Account): DemoLogin {
  const totpSecret = services.accounts.totpSecretOf(account);
  return {
    id: account._id,
    email: account.email,
    role: account.role,
    hospital: account.hospital,
    password: demoPassword,
    ...(totpSecret ? { totpSecret } : {}),
  };
}

/**
 * Has the doctor verified by their hospital's demo admin while the ledger has them
 * unverified: just signed up, or signed up by a start that stopped before verifying.
 */
async function verified(services: GatewayServices, doctor: DemoLogin, logins: DemoLogin[]) {
  const admin = logins.find((l) => l.role === 'admin' && l.hospital === doctor.hospital);
  if (!admin) return;
  await services.ledger.as(admin.id, async (ledger) => {
    const participant = await ledger.participants.getParticipant({ participantId: doctor.id });
    if (participant.status === 'UNVERIFIED') {
      await ledger.participants.verifyDoctor({ doctorId: doctor.id });
    }
  });
}

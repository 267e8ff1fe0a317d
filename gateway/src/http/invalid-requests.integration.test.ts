import { common } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import request from 'supertest';
import type { Collection, Document } from 'mongodb';
import { apiRoutes } from '../api-routes.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { GatewayServices } from '../gateway-services.js';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor, type Person } from '../test-support/people.js';
import type { Route } from './route.js';

type App = Awaited<ReturnType<typeof integrationApp>>;

/** Values that are wrong for any field: types, injections, sizes. */
const badValues: unknown[] = [
  null,
  42,
  -1,
  1e308,
  true,
  '',
  ' ',
  'x'.repeat(10_000),
  [],
  ['a', 'b'],
  {},
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  "'; DROP TABLE accounts; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000',
  'PAT1REC0\nFORBIDDEN',
  { nested: { deeper: { deepest: [1, { $gt: '' }] } } },
];

/** Path parameters that are malformed, or well-formed but unknown. */
const badIds = [
  'x',
  'PAT',
  'PAT-1',
  'PAT1;rm -rf',
  '%24gt',
  'PAT99999999999999',
  'CON123',
  'DOC',
  '..%2F..%2Fadmin',
];
const unknownIds: Record<string, string> = {
  patientId: 'PAT999999999',
  recordId: 'PAT999999999REC0',
  doctorId: 'DOC999999999',
  consentId: `CON${'f'.repeat(64)}`,
};

/** A body per field and bad value, plus missing, unknown and whole-body mistakes. */
function badBodies(route: Route): unknown[] {
  const example: Record<string, unknown> = { a: 1 };
  const fields = [
    'category',
    'form',
    'patientId',
    'scope',
    'permission',
    'email',
    'password',
    'login',
    'reason',
    'doctorId',
    'durationDays',
    'firstName',
    'dateOfBirth',
    'content',
    'expectedVersion',
  ];
  const bodies: unknown[] = [
    [],
    'text',
    7,
    { ...example, $where: '1' },
    { __proto__: { admin: true } },
  ];
  for (const field of fields) for (const value of badValues) bodies.push({ [field]: value });
  return route.body ? bodies : bodies.slice(0, 3);
}

describe('invalid requests (integration: real ledger and FerretDB)', function () {
  this.timeout(600_000);
  let gateway: App;
  let patient: Person;
  let doctor: Person;

  before(async () => {
    gateway = await integrationApp();
    patient = await personFor(gateway.app, gateway.services, 'patient', 'hospitala');
    doctor = await personFor(gateway.app, gateway.services, 'doctor', 'hospitalb');
  });
  after(() => gateway.close());

  it('answers at least 1,000 invalid requests with 4xx and a reason, and changes nothing', async () => {
    const { services } = gateway;
    const routes = apiRoutes(services, { masterKey: Buffer.alloc(32) } as GatewayConfig);
    const before = await snapshot(services, patient.id);
    const failures: string[] = [];
    let sent = 0;

    const check = (label: string, response: { status: number; body: unknown }) => {
      sent += 1;
      const error = (response.body as { error?: { code?: string; message?: string } }).error;
      if (response.status < 400 || response.status >= 500 || !error?.code || !error.message) {
        failures.push(
          `${label} → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
        );
      }
    };

    // Routes that take no input (log-out, TOTP enrolment) cannot be sent invalid input.
    for (const r of routes.filter((route) => route.body || route.params || route.query)) {
      const people = r.access === 'public' ? [undefined] : [patient, doctor];
      for (const person of people) {
        const agent = person?.agent ?? request.agent(gateway.app);
        const send = (path: string, body?: unknown) => {
          const test = agent[r.method](path).set('X-CSRF-Token', person?.csrf ?? '');
          return body === undefined
            ? test
            : test.set('content-type', 'application/json').send(JSON.stringify(body));
        };
        const path = r.path.replace(/:(\w+)/g, (_m, name: string) => unknownIds[name] ?? 'x');
        if (r.method !== 'get') {
          for (const body of badBodies(r))
            check(
              `${r.method} ${r.path} ${JSON.stringify(body).slice(0, 60)}`,
              await send(`/api${path}`, body),
            );
        }
        if (r.params) {
          for (const id of badIds) {
            const bad = r.path.replace(/:(\w+)/, id);
            check(
              `${r.method} ${bad}`,
              await send(`/api${bad.replace(/:(\w+)/g, 'x')}`, r.method === 'get' ? undefined : {}),
            );
          }
        }
        if (r.query) {
          for (const q of [
            'pageSize=-1',
            'pageSize=abc',
            'pageSize=100000',
            'bookmark=%24gt',
            'from=yesterday',
            'recordId[$ne]=1',
            'patientId=PAT1&patientId=PAT2',
          ]) {
            check(`${r.method} ${r.path}?${q}`, await send(`/api${path}?${q}`));
          }
        }
      }
    }

    expect(failures.slice(0, 20)).to.deep.equal([]);
    expect(sent).to.be.at.least(1000);
    expect(await snapshot(services, patient.id)).to.deep.equal(before);
  });
});

/** Document counts of every collection and the channel's height. */
async function snapshot(services: GatewayServices, patientId: string) {
  const counts: Record<string, number> = {};
  for (const info of await services.db.listCollections({}, { nameOnly: true }).toArray()) {
    // Sessions come and go with the log-ins above, and wrong passwords given on the account
    // pages are counted towards the lockout, as they must be; everything else stays as it was.
    if (info.name === 'sessions' || info.name === 'attemptSlots') continue;
    const collection: Collection<Document> = services.db.collection(info.name);
    counts[info.name] = await collection.countDocuments();
  }
  const identity = await services.wallet.identityOf(patientId);
  const height = await services.ledger.withNetwork(identity!, async (network) => {
    const bytes = await network
      .getContract('qscc')
      .evaluateTransaction('GetChainInfo', services.ledger.profile.channel);
    return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
  });
  return { counts, height };
}

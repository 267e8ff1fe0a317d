import { createHash } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import fc from 'fast-check';
import type { Collection, Document } from 'mongodb';
import request from 'supertest';
import { apiRoutes } from '../api-routes.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { GatewayServices } from '../gateway-services.js';
import { requestSchemas } from '../test-support/api-operations.js';
import { integrationApp } from '../test-support/integration-app.js';
import { invalidBodies, invalidParameter } from '../test-support/invalid-inputs.js';
import { personFor, type Person } from '../test-support/people.js';
import { openApiDocument } from './openapi.js';
import type { Route } from './route.js';

type App = Awaited<ReturnType<typeof integrationApp>>;

/** Well-formed IDs of nothing, for the path parameters a request does not make wrong. */
const unknownIds: Record<string, string> = {
  patientId: 'PAT999999999',
  recordId: 'PAT999999999REC0',
  doctorId: 'DOC999999999',
  consentId: `CON${'f'.repeat(64)}`,
  version: '1',
};

/** Samples per route and caller: bodies, and values of each parameter. */
const BODIES = 90;
const PARAMETER_VALUES = 16;

/** A seed of its own for each route and caller, so a failure can be sent again as it was. */
const seedOf = (...parts: string[]) =>
  createHash('sha256').update(parts.join(' ')).digest().readInt32BE(0);

interface InvalidRequest {
  route: Route;
  path: string;
  body: unknown;
}

/**
 * Every invalid request the generator derives for one route from its OpenAPI document: bodies
 * that break one rule each (a wrong type, a string too long or off its pattern, Unicode edges,
 * operator objects, a missing or an unknown field), and path and query values off their
 * pattern or range. Each is checked against the route's own validator first, so none that
 * the route would take is ever sent.
 */
function invalidRequestsFor(
  operation: ReturnType<typeof requestSchemas>[number],
  caller: string,
): InvalidRequest[] {
  const { route, body, parameters } = operation;
  const pathWith = (values: Record<string, string>) =>
    route.path.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? unknownIds[name] ?? 'x');
  const requests: InvalidRequest[] = [];
  if (body) {
    const seed = seedOf(route.method, route.path, caller, 'body');
    for (const sample of fc.sample(invalidBodies(body), { numRuns: BODIES, seed })) {
      if (route.body!.safeParse(sample).success) {
        throw new Error(
          `the generator made a valid body for ${route.path}: ${JSON.stringify(sample)}`,
        );
      }
      requests.push({ route, path: pathWith({}), body: sample });
    }
  }
  for (const { name, location, schema } of parameters) {
    const invalid = invalidParameter(schema);
    if (!invalid) continue;
    const seed = seedOf(route.method, route.path, caller, name);
    const validator = location === 'path' ? route.params! : route.query!;
    const others = Object.fromEntries(
      parameters
        .filter((other) => other.location === location && other.name !== name)
        .map((other) => [other.name, unknownIds[other.name]]),
    );
    for (const value of fc.sample(invalid, { numRuns: PARAMETER_VALUES, seed })) {
      if (validator.safeParse({ ...others, [name]: decodeURIComponent(value) }).success) {
        throw new Error(`the generator made a valid ${name} for ${route.path}: ${value}`);
      }
      const path =
        location === 'path' ? pathWith({ [name]: value }) : `${pathWith({})}?${name}=${value}`;
      requests.push({ route, path, body: route.body ? {} : undefined });
    }
  }
  return requests;
}

describe('invalid requests (integration: real ledger and FerretDB)', function () {
  this.timeout(900_000);
  let gateway: App;
  let people: Record<'patient' | 'doctor' | 'admin' | 'auditor', Person>;

  before(async () => {
    gateway = await integrationApp();
    const { app, services } = gateway;
    people = {
      patient: await personFor(app, services, 'patient', 'hospitala'),
      doctor: await personFor(app, services, 'doctor', 'hospitalb'),
      admin: await personFor(app, services, 'admin', 'hospitala'),
      auditor: await personFor(app, services, 'auditor', 'hospitala'),
    };
  });
  after(() => gateway.close());

  it('answers 10,000 generated invalid requests, to every route as each role, with 4xx and a reason, and changes nothing', async () => {
    const { services } = gateway;
    const routes = apiRoutes(services, { masterKey: Buffer.alloc(32) } as GatewayConfig);
    const operations = requestSchemas(routes, openApiDocument(routes, 'test'));
    const before = await snapshot(services, people.patient.id);
    const server = gateway.app.listen(0, '127.0.0.1');
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    try {
      for (const [caller, person] of [['nobody', undefined], ...Object.entries(people)] as const) {
        const agent = person?.agent ?? request.agent(server);
        for (const operation of operations) {
          const requests = invalidRequestsFor(operation, caller);
          // A few at a time: the store and the gateway see concurrent callers, as in use.
          for (let start = 0; start < requests.length; start += 8) {
            await Promise.all(
              requests.slice(start, start + 8).map(async ({ route, path, body }) => {
                let call = agent[route.method](`/api${path}`).set(
                  'X-CSRF-Token',
                  person?.csrf ?? '',
                );
                if (body !== undefined) {
                  call = call.set('content-type', 'application/json').send(JSON.stringify(body));
                }
                const response = await call;
                sent += 1;
                statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
                const error = (response.body as { error?: { code?: string; message?: string } })
                  .error;
                if (
                  response.status < 400 ||
                  response.status >= 500 ||
                  !error?.code ||
                  !error.message
                ) {
                  failures.push(
                    `${caller}: ${route.method} ${path.slice(0, 80)} ${JSON.stringify(body)?.slice(0, 120)} → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
                  );
                }
              }),
            );
          }
        }
      }
    } finally {
      server.close();
    }
    console.log(
      `      ${sent} invalid requests; answers by status: ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status} ×${count}`)
        .join(', ')}`,
    );
    expect(failures.slice(0, 20)).to.deep.equal([]);
    expect(sent).to.be.at.least(10_000);
    expect(await snapshot(services, people.patient.id)).to.deep.equal(before);
  });
});

/** Document counts of every collection and the channel's height. */
async function snapshot(services: GatewayServices, patientId: string) {
  const counts: Record<string, number> = {};
  for (const info of await services.db.listCollections({}, { nameOnly: true }).toArray()) {
    // Sessions come and go with the log-ins above; everything else must stay as it was.
    if (info.name === 'sessions') continue;
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

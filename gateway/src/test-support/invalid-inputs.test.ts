import { expect } from 'chai';
import fc from 'fast-check';
import { apiRoutes } from '../api-routes.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { GatewayServices } from '../gateway-services.js';
import { openApiDocument } from '../http/openapi.js';
import { requestSchemas } from './api-operations.js';
import { invalidBodies, invalidParameter } from './invalid-inputs.js';

/**
 * The generator of invalid requests must generate only invalid ones: a body or parameter a
 * route would take could change something, and the integration test would then blame the
 * gateway for the generator's mistake. Each sample is checked against the route's own
 * validator, the one the gateway runs.
 */
describe('the generator of invalid requests', () => {
  const routes = apiRoutes(
    {} as GatewayServices,
    {
      masterKey: Buffer.alloc(32),
      network: { hospitals: [] },
    } as unknown as GatewayConfig,
  );
  const document = openApiDocument(routes, 'test');

  for (const operation of requestSchemas(routes, document)) {
    const { route, body, parameters } = operation;
    if (body) {
      it(`makes only bodies ${route.method.toUpperCase()} ${route.path} refuses`, () => {
        for (const sample of fc.sample(invalidBodies(body), { numRuns: 300, seed: 17 })) {
          const accepted = route.body!.safeParse(sample).success;
          expect(accepted, JSON.stringify(sample).slice(0, 300)).to.equal(false);
        }
      });
    }
    for (const { name, location, schema } of parameters) {
      const invalid = invalidParameter(schema);
      if (!invalid) continue;
      const validator = location === 'path' ? route.params! : route.query!;
      it(`makes only ${location} values of ${name} that ${route.method.toUpperCase()} ${route.path} refuses`, () => {
        for (const sample of fc.sample(invalid, { numRuns: 200, seed: 17 })) {
          const value = decodeURIComponent(sample);
          const accepted = validator.safeParse({ [name]: value }).success;
          expect(accepted, JSON.stringify(value).slice(0, 100)).to.equal(false);
        }
      });
    }
  }
});

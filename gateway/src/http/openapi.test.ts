import { Validator } from '@seriousme/openapi-schema-validator';
import { expect } from 'chai';
import pino from 'pino';
import request from 'supertest';
import { apiRoutes } from '../api-routes.js';
import { createApp } from '../app.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { GatewayServices } from '../gateway-services.js';
import { openApiDocument } from './openapi.js';

// Building the routes touches no service; only handlers do, and these tests call none.
const routes = apiRoutes({} as GatewayServices, { masterKey: Buffer.alloc(32) } as GatewayConfig);

describe('OpenAPI document', () => {
  const document = openApiDocument(routes, '1.0.0');

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).to.deep.equal([]);
    expect(result.valid).to.equal(true);
  });

  it('describes every route the gateway serves, with its request schemas', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const served = routes.map((r) => `${r.method} /api${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(documented.sort()).to.deep.equal(served.sort());
    const signUp = document.paths['/api/accounts/patients']?.post as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
    };
    expect(signUp.requestBody.content['application/json'].schema.required).to.include.members([
      'firstName',
      'dateOfBirth',
      'email',
      'password',
    ]);
  });

  it('gives every route the schema of its answer, so clients can be built from it', () => {
    const withoutSchema = routes
      .filter((r) => r.status !== 204)
      .filter((r) => {
        const operation = document.paths[`/api${r.path.replace(/:(\w+)/g, '{$1}')}`]?.[
          r.method
        ] as {
          responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
        };
        const success = operation.responses[String(r.status ?? 200)];
        const content = Object.values(success?.content ?? {})[0];
        return content?.schema === undefined;
      })
      .map((r) => `${r.method} ${r.path}`);
    expect(withoutSchema).to.deep.equal([]);
    expect(
      routes.filter((r) => r.status === 204).map((r) => `${r.method} ${r.path}`),
    ).to.have.members([
      'delete /records/:recordId',
      'delete /sessions/current',
      'post /me/totp/confirm',
    ]);
  });

  it('lists every route on the docs page', async () => {
    const app = createApp({
      routes,
      sessions: { fromRequest: () => Promise.resolve(undefined) },
      log: pino({ level: 'silent' }),
      version: '1.0.0',
    });
    const page = await request(app).get('/api/docs').expect(200).expect('content-type', /html/);
    for (const r of routes) expect(page.text).to.contain(`/api${r.path}`);
  });
});

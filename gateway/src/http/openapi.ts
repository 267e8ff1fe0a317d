import { API_ERROR_STATUS, errorBody, noContent } from '@patrec/contract';
import { z } from 'zod';
import type { Route } from './route.js';

/** Requests are described as clients send them, responses as the gateway answers. */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;

/** A success: its body's schema, as JSON or (for a stream) as each event's data. */
function success(r: Route) {
  if (r.response === noContent) return { description: 'success, no body' };
  const type = r.stream ?? 'application/json';
  return {
    description: 'success',
    content: { [type]: { schema: jsonSchema(r.response, 'output') } },
  };
}

/** `/records/:recordId` → `/records/{recordId}` */
const openApiPath = (path: string) => `/api${path.replace(/:(\w+)/g, '{$1}')}`;

/** Parameters of one location from an object schema's properties. */
function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

/**
 * The OpenAPI 3.1 document, generated from the very schemas that validate requests, so
 * the document cannot drift from what the gateway accepts.
 */
export function openApiDocument(routes: Route[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const operations = (paths[openApiPath(r.path)] ??= {});
    const errors = [400, ...(r.access === 'public' ? [] : [401, 403]), ...(r.errors ?? [])];
    operations[r.method] = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method}${r.path.replace(/[/:{}-](\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      ...(r.access === 'public' ? { security: [] } : {}),
      'x-patrec-access': r.access,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(r.body) } },
            },
          }
        : {}),
      responses: {
        [String(r.status ?? 200)]: success(r),
        ...Object.fromEntries(
          [...new Set(errors)].map((status) => [
            String(status),
            { $ref: `#/components/responses/Error${status}` },
          ]),
        ),
      },
    };
  }
  const statuses = [...new Set(Object.values(API_ERROR_STATUS))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'PatRec gateway API',
      version,
      description:
        'Patient-controlled health records: accounts, records, consents and the access log. ' +
        'Every failure has the body { error: { code, message, details? } }.',
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'patrec_session' },
      },
      schemas: { Error: jsonSchema(errorBody, 'output') },
      responses: Object.fromEntries(
        statuses.map((status) => [
          `Error${status}`,
          {
            description: `error (${status})`,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
}

import type { Route } from '../http/route.js';
import type { JsonSchema } from './invalid-inputs.js';

interface OpenApiOperation {
  parameters?: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}

/** Each route with the JSON Schemas of its body and parameters, as its OpenAPI document says. */
export function requestSchemas(routes: Route[], document: { paths: Record<string, unknown> }) {
  return routes.map((route) => {
    const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const operations = document.paths[path] as Record<string, OpenApiOperation>;
    const operation = operations[route.method]!;
    return {
      route,
      body: operation.requestBody?.content['application/json'].schema,
      parameters: (operation.parameters ?? []).map((parameter) => ({
        name: parameter.name,
        location: parameter.in,
        schema: parameter.schema,
      })),
    };
  });
}

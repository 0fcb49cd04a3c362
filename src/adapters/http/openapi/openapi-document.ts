import { z, type ZodObject, type ZodType } from 'zod';
import { DOCUMENTED_ROUTES, type DocumentedRoute } from './routes.ts';

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a client sends or receives. */
function schemaOf(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parameters(location: 'path' | 'query' | 'header', schema: ZodObject | undefined) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: location,
    required: location === 'path' || !(field as ZodType).safeParse(undefined).success,
    schema: schemaOf(field as ZodType, 'input'),
  }));
}

function operation(route: DocumentedRoute) {
  return {
    operationId: `${route.method}${route.path.replace(/[{}]/g, '').replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: route.summary,
    tags: [route.tag],
    security: route.auth ? [{ bearer: [] }] : [],
    parameters: [...parameters('path', route.params), ...parameters('query', route.query), ...parameters('header', route.headers)],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: route.path.startsWith('/storage')
              ? { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
              : { 'application/json': { schema: schemaOf(route.body, 'input') } },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, documented]) => [
        status,
        {
          description: documented.description,
          ...(documented.schema || documented.contentType
            ? { content: { [documented.contentType ?? 'application/json']: documented.schema ? { schema: schemaOf(documented.schema, 'output') } : {} } }
            : {}),
        },
      ]),
    ),
  };
}

/** The OpenAPI 3.1 document of the API, generated from the route table and its zod schemas. */
export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of DOCUMENTED_ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Log Ingest Service',
      version,
      description: 'Upload log files, have them parsed and normalized, and follow the jobs. Errors share one shape: see ErrorResponse.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}

import { z } from 'zod';
import { API_SCHEMAS, errorEnvelopeSchema } from '@cxl/shared/contracts/api';
import { ROUTES } from './routes';

const toSchema = (s: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

const ERRORS: Record<string, string> = {
  '400': 'Invalid request (details name the field)',
  '401': 'Missing, invalid or expired token',
  '403': 'The role does not allow this',
  '404': 'Not found',
};

/** The OpenAPI 3.0 document of every route in the route table, built from the shared zod schemas. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const s = API_SCHEMAS[r.handler];
    if (!s) throw new Error(`no API schema for ${r.handler}`);
    const params: unknown[] = [];
    for (const m of r.path.matchAll(/\{(\w+)\}/g))
      params.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    if (s.query) {
      const q = toSchema(s.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        params.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
      }
    }
    const responses: Record<string, unknown> = {
      [String(s.status ?? 200)]: {
        description: 'OK',
        content: { 'application/json': { schema: toSchema(s.response, 'output') } },
      },
    };
    const errorCodes = r.auth.kind === 'jwt' ? ['400', '401', '403'] : s.body || s.query ? ['400'] : [];
    if (r.handler === 'post-auth-login') errorCodes.push('401');
    for (const c of errorCodes) {
      responses[c] = {
        description: ERRORS[c],
        content: { 'application/json': { schema: toSchema(errorEnvelopeSchema, 'output') } },
      };
    }
    (paths[r.path] ??= {})[r.method.toLowerCase()] = {
      operationId: r.handler,
      summary: s.summary,
      ...(r.auth.kind === 'jwt'
        ? { security: [{ bearer: [] }], 'x-permission': r.auth.permission }
        : { security: [] }),
      ...(r.localOnly ? { 'x-local-only': true } : {}),
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(s.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(s.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'CX Ledger API',
      version: '0.1.0',
      description:
        'Customer experience linked to the P&L. Money is in the reporting currency; estimates carry 95% intervals and n.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}

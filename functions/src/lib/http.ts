import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z, type ZodType } from 'zod';
import { can } from '@cxl/shared/auth';
import { ROUTES, type RouteDef } from '../routes';
import { authenticate, type AuthUser } from './auth';
import { DomainError, envelope, ForbiddenError, statusOf, ValidationError } from './errors';
import { logger } from './logger';

export interface HttpRequest<Q, B> {
  query: Q;
  body: B;
  params: Record<string, string>;
  user: AuthUser | null;
  headers: Record<string, string | undefined>;
}
export interface HttpResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** The body is a ready string (CSV, text) with its own Content-Type, not JSON. */
  raw?: boolean;
}

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

const MAX_BODY_BYTES = 1_000_000;
/** Longer than any id, kind, month or email a path names; longer keys would fail in DynamoDB as a 500. */
const MAX_PATH_PARAM_CHARS = 256;

function routeOf(handler: string): RouteDef {
  const r = ROUTES.find((x) => x.handler === handler);
  if (!r) throw new Error(`no route entry for handler ${handler}`);
  return r;
}

function zodDetails(e: z.ZodError): { path: string; message: string }[] {
  return e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/**
 * Path of the first number in a parsed body that DynamoDB cannot store exactly (beyond 2⁵³, or a
 * non-zero magnitude below 1e-100, e.g. `5e-324`), or null. Iterative: deep bodies cannot overflow.
 */
export function unstorableNumberAt(body: unknown): string | null {
  const stack: [unknown, string][] = [[body, 'body']];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'number') {
      const a = Math.abs(v);
      if (a > Number.MAX_SAFE_INTEGER || (a !== 0 && a < 1e-100)) return path;
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, `${path}[${i}]`]));
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) stack.push([x, `${path}.${k}`]);
  }
  return null;
}

function parseBody(event: Event): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES)
    throw new DomainError('payload_too_large', 'The request body is larger than 1 MB.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw) as unknown;
  } catch {
    throw new ValidationError('The request body is not valid JSON.');
  }
  const at = unstorableNumberAt(parsed);
  if (at !== null) {
    const field = at.replace(/^body\.?/, '');
    throw new ValidationError(
      `The number at ${field || 'the body'} is out of range: use 0 or a magnitude between 1e-100 and 9,007,199,254,740,991.`,
      [{ path: field, message: 'number out of range' }],
    );
  }
  return parsed;
}

/** Turns any error into the contracts.md envelope; non-domain errors become a generic 500. */
const errorEnvelope = (): middy.MiddlewareObj<Event, Result> => ({
  onError: (request) => {
    const e = request.error;
    if (e instanceof DomainError) {
      request.error = Object.assign(new Error(envelope(e.code, e.message, e.details)), {
        statusCode: statusOf(e.code),
        expose: true,
      });
      return;
    }
    logger.error('unhandled error', {
      error: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e),
    });
  },
});

const noStore = { 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8' };

/**
 * The one handler stack: normalise headers → authenticate and authorize per the route table → parse
 * query and body with zod → run the bare business function → JSON response. Errors leave through the
 * envelope mapper and `http-error-handler` (last), which hides internals behind a generic 500.
 */
export function httpRoute<Q = Record<string, never>, B = undefined>(
  handlerName: string,
  schemas: { query?: ZodType<Q>; body?: ZodType<B> },
  fn: (req: HttpRequest<Q, B>, ctx: Context) => Promise<HttpResult>,
) {
  const route = routeOf(handlerName);
  const core = async (event: Event, ctx: Context): Promise<Result> => {
    const headers = (event.headers ?? {}) as Record<string, string | undefined>;
    let user: AuthUser | null = null;
    if (route.auth.kind === 'jwt') {
      user = await authenticate(headers.authorization);
      if (!can(user.roles, route.auth.permission)) throw new ForbiddenError();
    }
    for (const [name, value] of Object.entries(event.pathParameters ?? {})) {
      if ((value ?? '').length > MAX_PATH_PARAM_CHARS)
        throw new ValidationError(
          `The path parameter ${name} is longer than ${MAX_PATH_PARAM_CHARS} characters.`,
          [{ path: name, message: `at most ${MAX_PATH_PARAM_CHARS} characters` }],
        );
    }
    const q = schemas.query ? schemas.query.safeParse(event.queryStringParameters ?? {}) : null;
    if (q && !q.success)
      throw new ValidationError('The query parameters are not valid.', zodDetails(q.error));
    const rawBody = schemas.body ? parseBody(event) : undefined;
    const b = schemas.body ? schemas.body.safeParse(rawBody ?? {}) : null;
    if (b && !b.success) throw new ValidationError('The request body is not valid.', zodDetails(b.error));
    const res = await fn(
      {
        query: (q?.data ?? {}) as Q,
        body: b?.data as B,
        params: (event.pathParameters ?? {}) as Record<string, string>,
        user,
        headers,
      },
      ctx,
    );
    return {
      statusCode: res.status ?? 200,
      headers: { ...noStore, ...res.headers },
      body: res.raw && typeof res.body === 'string' ? res.body : JSON.stringify(res.body),
    };
  };
  return middy<Event, Result>(core)
    .use(httpHeaderNormalizer())
    .use(
      httpErrorHandler({
        logger: false,
        fallbackMessage: envelope(
          'internal',
          'Something went wrong on our side; try again, and contact support if it persists.',
        ),
      }),
    )
    .use(errorEnvelope());
}

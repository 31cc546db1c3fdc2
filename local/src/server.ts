import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ROUTES, type RouteDef } from '@cxl/functions/routes';

type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const MAX_BODY = 12 * 1024 * 1024;

interface CompiledRoute {
  def: RouteDef;
  re: RegExp;
  names: string[];
}

function compile(def: RouteDef): CompiledRoute {
  const names: string[] = [];
  const re = new RegExp(
    '^' +
      def.path
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a?: string, b?: string) => {
          names.push(a ?? b ?? '');
          return '([^/]+)';
        }) +
      '$',
  );
  return { def, re, names };
}

/** Security headers served on every response, as CloudFront does in AWS. */
export function securityHeaders(scriptHashes: readonly string[]): Record<string, string> {
  const scriptSrc = ["'self'", ...scriptHashes.map((h) => `'sha256-${h}'`)].join(' ');
  return {
    'Content-Security-Policy': `default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src ${scriptSrc}; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}

/** sha256 (base64) of each inline `<script>` of an HTML page, for the CSP. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    out.push(
      createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64'),
    );
  }
  return out;
}

/** Thrown for a request body over MAX_BODY; answered 413 once the client has finished sending. */
class BodyTooLarge extends Error {}

/**
 * Reads a request body up to MAX_BODY bytes. A larger body is drained (not kept) and then refused:
 * cutting the connection mid-upload would leave the client with a reset instead of an answer.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => (size > MAX_BODY ? reject(new BodyTooLarge()) : resolveBody(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** `decodeURIComponent`, or null for malformed percent-encoding (`%E0%A4%A`, `%80`). */
function decodeOrNull(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function lambdaContext(name: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/local/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface ServerOptions {
  webDir: string;
  loadHandler: (name: string) => Promise<LambdaHandler>;
  /** The S3 presigned-POST stand-in (`POST /local/blob-upload`). */
  blobUpload?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

/**
 * One HTTP server for the local host: `/api/*` is turned into API Gateway v2 events for the same
 * Lambda handlers that run in AWS; everything else is the built SPA with an index.html fallback.
 */
export function createLocalServer(opts: ServerOptions): Server {
  const routes = ROUTES.map(compile);
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const handlerFor = (name: string) => {
    let h = handlers.get(name);
    if (!h) handlers.set(name, (h = opts.loadHandler(name)));
    return h;
  };
  const webRoot = resolve(opts.webDir);
  const indexPath = join(webRoot, 'index.html');
  const indexHtml = existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null;
  const headers = securityHeaders(indexHtml ? inlineScriptHashes(indexHtml) : []);

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    extra: Record<string, string>,
  ) => {
    res.writeHead(status, { ...headers, ...extra });
    res.end(body);
  };

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const matches = routes.filter((r) => r.re.test(url.pathname));
    const route = matches.find((r) => r.def.method === method);
    if (!route) {
      const status = matches.length > 0 ? 405 : 404;
      const code = status === 405 ? 'method_not_allowed' : 'not_found';
      send(
        res,
        status,
        JSON.stringify({ error: { code, message: `No route for ${method} ${url.pathname}.` } }),
        {
          'Content-Type': 'application/json; charset=utf-8',
        },
      );
      return;
    }
    const m = route.re.exec(url.pathname);
    const decoded = route.names.map((n, i) => [n, decodeOrNull(m?.[i + 1] ?? '')] as const);
    const bad = decoded.find(([, v]) => v === null);
    if (bad) {
      send(
        res,
        400,
        JSON.stringify({
          error: {
            code: 'bad_request',
            message: `The path parameter ${bad[0]} is not valid percent-encoded UTF-8; check the link.`,
          },
        }),
        { 'Content-Type': 'application/json; charset=utf-8' },
      );
      return;
    }
    const pathParameters = Object.fromEntries(decoded) as Record<string, string>;
    let body: Buffer;
    try {
      body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e;
      send(
        res,
        413,
        JSON.stringify({
          error: {
            code: 'payload_too_large',
            message: `The request body is larger than ${MAX_BODY / 1024 / 1024} MB; upload large files through the Uploads page.`,
          },
        }),
        { 'Content-Type': 'application/json; charset=utf-8' },
      );
      return;
    }
    const hdrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) hdrs[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
    const qs: Record<string, string> = {};
    for (const [k, v] of url.searchParams) qs[k] = k in qs ? `${qs[k]},${v}` : v;
    const isText = /json|text|x-www-form-urlencoded/.test(hdrs['content-type'] ?? 'application/json');
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: `${route.def.method} ${route.def.path}`,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers: hdrs,
      ...(Object.keys(qs).length > 0 ? { queryStringParameters: qs } : {}),
      ...(route.names.length > 0 ? { pathParameters } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: hdrs.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: hdrs['user-agent'] ?? '',
        },
        requestId: randomUUID(),
        routeKey: `${route.def.method} ${route.def.path}`,
        stage: '$default',
        time: new Date().toISOString(),
        timeEpoch: Date.now(),
      },
      ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
      isBase64Encoded: body.length > 0 && !isText,
    };
    const handler = await handlerFor(route.def.handler);
    const out = await handler(event, lambdaContext(route.def.handler));
    const outHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(out.headers ?? {})) outHeaders[k] = String(v);
    const payload = out.isBase64Encoded ? Buffer.from(out.body ?? '', 'base64') : (out.body ?? '');
    send(res, out.statusCode ?? 200, payload, outHeaders);
  }

  function staticFile(res: ServerResponse, url: URL): void {
    const path = decodeOrNull(url.pathname);
    if (path === null) {
      send(res, 400, 'Bad request: the path is not valid percent-encoded UTF-8.', {
        'Content-Type': 'text/plain; charset=utf-8',
      });
      return;
    }
    if (!indexHtml) {
      send(res, 503, 'The web app is not built: run `npm run build:web` (npm start does it for you).', {
        'Content-Type': 'text/plain; charset=utf-8',
      });
      return;
    }
    const rel = normalize(path).replace(/^([/\\])+/, '');
    const file = resolve(webRoot, rel);
    if (file.startsWith(webRoot + sep) && existsSync(file) && statSync(file).isFile()) {
      const immutable = rel.startsWith('_app/immutable/');
      send(res, 200, readFileSync(file), {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      return;
    }
    if (extname(rel) !== '') {
      send(res, 404, 'Not found', { 'Content-Type': 'text/plain; charset=utf-8' });
      return;
    }
    send(res, 200, indexHtml, { 'Content-Type': MIME['.html'] ?? 'text/html', 'Cache-Control': 'no-cache' });
  }

  return createServer((req, res) => {
    // On every response, including those written outside `send` (the blob receiver's).
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    const work =
      url.pathname === '/local/blob-upload' && req.method === 'POST' && opts.blobUpload
        ? opts.blobUpload(req, res)
        : isApi
          ? api(req, res, url)
          : // Deferred, so a throw inside answers 500 instead of escaping the request listener.
            Promise.resolve().then(() => staticFile(res, url));
    work.catch((e: unknown) => {
      console.error('local host error', e);
      if (!res.headersSent) {
        send(
          res,
          500,
          JSON.stringify({
            error: { code: 'internal', message: 'Something went wrong on our side; try again.' },
          }),
          {
            'Content-Type': 'application/json; charset=utf-8',
          },
        );
      } else res.end();
    });
  });
}

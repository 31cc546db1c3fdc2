import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLocalOptions } from '../../../local/src/options';
import { startLocalStack, type LocalStack } from '../../../local/src/stack';

/** Starts the real local host (dynalite, handlers, SPA) on a free port and a temporary data dir. */
export async function startTestStack(
  env: Record<string, string> = {},
): Promise<LocalStack & { dataDir: string }> {
  const dataDir = env.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'cxl-stack-')));
  const o = readLocalOptions({ PORT: '0', LOG_LEVEL: 'SILENT', ...env, DATA_DIR: dataDir });
  const stack = await startLocalStack(o, () => undefined);
  return { ...stack, dataDir };
}

export async function api(
  base: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

export async function login(base: string, email: string, password = 'demo'): Promise<string> {
  const r = await api(base, '/api/auth/login', { body: { email, password } });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return (r.body as { token: string }).token;
}

import { resolve } from 'node:path';
import { z } from 'zod';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('.data'),
  DEMO: z.enum(['on', 'off']).default('on'),
  DEMO_SEED: z.coerce.number().int().default(42),
  DEMO_PASSWORD: z.string().min(1).optional(),
  WEB_DIR: z.string().default('web/build'),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('WARN'),
});

export type LocalOptions = z.infer<typeof schema> & { dataDir: string; webDir: string; loopback: boolean };

/** Reads the local host's environment once (PORT, HOST, DATA_DIR, DEMO, DEMO_PASSWORD, …). */
export function readLocalOptions(env: NodeJS.ProcessEnv = process.env): LocalOptions {
  const o = schema.parse(env);
  const loopback = LOOPBACK.has(o.HOST);
  if (!loopback && !o.DEMO_PASSWORD) {
    throw new Error(
      `HOST=${o.HOST} is not loopback: set DEMO_PASSWORD to a strong password before exposing the demo logins on a network.`,
    );
  }
  return { ...o, dataDir: resolve(o.DATA_DIR), webDir: resolve(o.WEB_DIR), loopback };
}

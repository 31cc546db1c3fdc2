import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import { randomBytes } from 'node:crypto';
import { createBlobReceiver } from './blob-receiver';
import { loadOrCreateJwtKeys } from './keys';
import type { LocalOptions } from './options';
import { createLocalServer } from './server';
import { ensureTable } from './table';

export const TABLE_NAME = 'cx-ledger';

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(port, host, () => res((server.address() as AddressInfo).port));
  });
}
function close(server: Server): Promise<void> {
  return new Promise((res) => server.close(() => res()));
}

export interface LocalStack {
  url: string;
  port: number;
  seeded: 'demo' | 'existing' | 'empty';
  close(): Promise<void>;
}

/**
 * Starts the embedded deployment: dynalite persisted under DATA_DIR, the table, the local identity,
 * the demo company on first start (through the real ingestion path), recompute, and one HTTP server
 * for the API handlers and the SPA.
 */
export async function startLocalStack(
  o: LocalOptions,
  log: (s: string) => void = console.log,
): Promise<LocalStack> {
  await mkdir(o.dataDir, { recursive: true });
  const dyn = dynalite({
    path: join(o.dataDir, 'dynamo'),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const dynPort = await listen(dyn, 0, '127.0.0.1');
  const jwt = await loadOrCreateJwtKeys(o.dataDir);
  Object.assign(process.env, {
    TABLE_NAME,
    AWS_REGION: 'local',
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynPort}`,
    AUTH_MODE: 'local',
    LOCAL_JWT_PUBLIC_JWK: jwt.publicJwk,
    LOCAL_JWT_PRIVATE_JWK: jwt.privateJwk,
    DEMO_PASSWORD: o.DEMO_PASSWORD ?? 'demo',
    LOG_LEVEL: o.LOG_LEVEL,
    LOCAL_BLOB_DIR: join(o.dataDir, 'blobs'),
    LOCAL_BLOB_SECRET: randomBytes(32).toString('hex'),
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    REPORT_OUTBOX_DIR: join(o.dataDir, 'outbox'),
    INTERNAL_EMAIL_DOMAINS: process.env.INTERNAL_EMAIL_DOMAINS ?? 'demo.local',
    PUBLIC_URL:
      process.env.PUBLIC_URL ?? `http://${o.HOST.includes(':') ? `[${o.HOST}]` : o.HOST}:${o.PORT || 3000}`,
  });
  // Handlers read their configuration at import: import them only after the environment is set.
  const { ddbClient } = await import('@cxl/functions/adapters/dynamo');
  await ensureTable(ddbClient, TABLE_NAME);
  const { setRecomputeRunner } = await import('@cxl/functions/recompute/trigger');
  const { runRecompute } = await import('@cxl/functions/recompute/run');
  const { createDebouncedRunner } = await import('./recompute-runner');
  // Runs after uploads and corrections happen in a worker thread, so requests are served meanwhile.
  const { createRecomputeThread } = await import('./recompute-thread');
  const thread = createRecomputeThread();
  const runner = createDebouncedRunner((force) => thread.run(force), 1_000, log);
  setRecomputeRunner((opts) => runner.request(opts));

  const { seedDemoIfNeeded } = await import('./seed');
  const seeded = await seedDemoIfNeeded(o, log);
  // The metric views first (the dashboard needs only these); the model-based analytics follow in the
  // background through the same debounced runner that uploads use.
  if (seeded !== 'empty') {
    await runRecompute({ analytics: false });
    void runner.request({ force: false });
  }

  const { verifyLocalPolicy } = await import('@cxl/functions/adapters/uploads-store');
  const worker = (await import('@cxl/functions/handlers/process-upload-worker')).handler;
  const pendingEvents = new Set<Promise<void>>();
  const blobUpload = createBlobReceiver({
    root: join(o.dataDir, 'blobs'),
    verify: verifyLocalPolicy,
    // The object-created event, as S3 would deliver it, handled after the POST has been answered.
    onObjectCreated: (key) => {
      const p = worker({ Records: [{ s3: { object: { key: encodeURIComponent(key) } } }] })
        .catch((e: unknown) => log(`upload processing failed: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => pendingEvents.delete(p));
      pendingEvents.add(p);
    },
  });
  // Report schedules: croner timers in this process; send-now runs in the background here too.
  const { createLocalReportScheduler } = await import('./scheduler');
  const reports = await createLocalReportScheduler(log);
  (await import('@cxl/functions/reports/schedule-port')).setSchedulePort(reports.port);
  (await import('@cxl/functions/reports/dispatch')).setReportDispatcher(reports.dispatch);
  await reports.restore();

  const server = createLocalServer({
    blobUpload,
    webDir: o.webDir,
    loadHandler: async (name) => {
      const mod = (await import(`@cxl/functions/handlers/${name}`)) as {
        handler: Parameters<typeof createLocalServer>[0]['loadHandler'] extends (
          n: string,
        ) => Promise<infer H>
          ? H
          : never;
      };
      return mod.handler;
    },
  });
  const port = await listen(server, o.PORT, o.HOST);
  const host = o.HOST.includes(':') ? `[${o.HOST}]` : o.HOST;
  return {
    url: `http://${host}:${port}`,
    port,
    seeded,
    async close() {
      await reports.close();
      await Promise.all([...pendingEvents]);
      await runner.idle();
      await thread.close();
      await close(server);
      await close(dyn);
    },
  };
}

import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';

/**
 * Starts an in-memory dynalite and points the functions' configuration at it. Call before importing
 * any functions module (they read their configuration at import).
 */
export async function startTestDynamo(): Promise<{ dataDir: string; stop: () => Promise<void> }> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  Object.assign(process.env, {
    TABLE_NAME: 'cx-ledger-test',
    AWS_REGION: 'local',
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}`,
    AUTH_MODE: 'local',
    LOCAL_JWT_PUBLIC_JWK: '{}',
    LOG_LEVEL: 'SILENT',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  const { ddbClient } = await import('@cxl/functions/adapters/dynamo');
  const { ensureTable } = await import('../../../local/src/table');
  await ensureTable(ddbClient, 'cx-ledger-test');
  const dataDir = await mkdtemp(join(tmpdir(), 'cxl-test-'));
  return { dataDir, stop: () => new Promise((r) => server.close(() => r())) };
}

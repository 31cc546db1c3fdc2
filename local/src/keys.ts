import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';

/**
 * The local identity's ES256 key pair, created on first start and kept under DATA_DIR so tokens
 * survive a restart.
 */
export async function loadOrCreateJwtKeys(
  dataDir: string,
): Promise<{ publicJwk: string; privateJwk: string }> {
  const file = join(dataDir, 'keys', 'jwt-es256.json');
  if (existsSync(file))
    return JSON.parse(await readFile(file, 'utf8')) as { publicJwk: string; privateJwk: string };
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const keys = {
    publicJwk: JSON.stringify(await exportJWK(publicKey)),
    privateJwk: JSON.stringify(await exportJWK(privateKey)),
  };
  await mkdir(join(dataDir, 'keys'), { recursive: true });
  await writeFile(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** Parsed JSON of a file, or null when the file does not exist. */
export async function readJson<T>(path: string): Promise<T | null> {
  return existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as T) : null;
}

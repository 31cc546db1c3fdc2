import path from 'node:path';

/** The monorepo root: holds `package-lock.json`, `functions/`, `web/`. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The entry file of a Lambda handler under `<sourceRoot>/functions/src/handlers/`. */
export function handlerEntry(sourceRoot: string, handler: string): string {
  return path.join(sourceRoot, 'functions', 'src', 'handlers', `${handler}.ts`);
}

import type { TestProject } from 'vitest/node';
import { startTestStack } from '../../integration/support/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the one demo stack shared by every e2e file of the run. */
    e2eStackUrl: string;
  }
}

/**
 * Starts ONE local stack with the demo company for the whole e2e run (seeding takes ~45 s) and
 * hands its URL to the test files (`inject('e2eStackUrl')`, or `appUrl()` from ./app).
 * `E2E_STACK_URL=http://127.0.0.1:8813` reuses a stack that is already running instead;
 * `E2E_WEB_DIR=/tmp/my-build` serves a copy of the built SPA.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.E2E_STACK_URL;
  if (external) {
    project.provide('e2eStackUrl', external.replace(/\/$/, ''));
    return undefined;
  }
  const t0 = Date.now();
  // E2E_WEB_DIR serves a private copy of the built SPA (another build of web/build mid-run would
  // replace the assets the served index.html names).
  const web: Record<string, string> = process.env.E2E_WEB_DIR ? { WEB_DIR: process.env.E2E_WEB_DIR } : {};
  const stack = await startTestStack({ DEMO: 'on', ...web });
  console.log(`e2e: demo stack ready at ${stack.url} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  project.provide('e2eStackUrl', stack.url);
  return () => stack.close();
}

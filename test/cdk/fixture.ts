import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROUTES, WORKERS } from '@cxl/functions/routes';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll } from 'vitest';
import { createCxLedger, type CxLedgerStacks, type DeployConfig } from '../../cdk/lib/cx-ledger';
import { REPO_ROOT } from '../../cdk/lib/paths';

/** The feature flags `cdk synth` runs with, so tests see the same templates. */
const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export type Resource = { Type: string; Properties?: Record<string, unknown> };

/**
 * A throw-away source root with a lock file and an empty entry file per handler of ROUTES/WORKERS.
 * NodejsFunction insists that entries exist even when bundling is skipped; stubs keep these tests
 * independent of handler code (the real entries are checked by `npm run synth`).
 */
export function stubSourceRoot(handlers?: readonly string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), 'cxl-cdk-'));
  created.push(root);
  const dir = path.join(root, 'functions', 'src', 'handlers');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(root, 'package-lock.json'), '{}\n');
  const names = handlers ?? [...ROUTES.map((r) => r.handler), ...WORKERS.map((w) => w.handler)];
  for (const name of names) writeFileSync(path.join(dir, `${name}.ts`), 'export const handler = () => {};\n');
  return root;
}

export function testConfig(overrides: Partial<DeployConfig> = {}): DeployConfig {
  const sourceRoot = overrides.sourceRoot ?? stubSourceRoot();
  return {
    stage: 'test',
    allowedOrigins: [],
    sourceRoot,
    siteAssetsPath: path.join(sourceRoot, 'web', 'build'),
    ...overrides,
  };
}

/**
 * Builds the whole app with bundling skipped: `aws:cdk:bundling-stacks = []` matches no stack, so
 * `Stack.bundlingRequired` is false and assets are staged without running esbuild.
 */
export function buildApp(overrides: Partial<DeployConfig> = {}): CxLedgerStacks {
  const config = testConfig(overrides);
  const app = new App({
    outdir: path.join(config.sourceRoot, 'cdk.out'),
    context: {
      ...CDK_JSON_CONTEXT,
      'aws:cdk:bundling-stacks': [],
      // Annotations stay queryable through `Annotations.fromStack`; this only silences the report.
      '@aws-cdk/core:annotationsInValidationReport': false,
    },
  });
  return createCxLedger(app, config);
}

const templates = new WeakMap<Stack, Template>();

/** The stack's template, synthesized once per stack. */
export function template(stack: Stack): Template {
  let t = templates.get(stack);
  if (!t) {
    t = Template.fromStack(stack);
    templates.set(stack, t);
  }
  return t;
}

export function resourcesOfType(stack: Stack, type: string): Array<[string, Resource]> {
  const resources = template(stack).toJSON().Resources as Record<string, Resource>;
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

export function allStacks(stacks: CxLedgerStacks): Stack[] {
  return [
    stacks.data,
    stacks.auth,
    stacks.monitoring,
    stacks.mail,
    stacks.processing,
    stacks.api,
    stacks.web,
    stacks.dashboard,
  ];
}

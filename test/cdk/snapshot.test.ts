import { describe, expect, it } from 'vitest';
import { allStacks, buildApp, template } from './fixture';

/** Asset hashes change with every handler edit; replace them so the snapshot tracks infrastructure. */
function redactAssetHashes(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/[0-9a-f]{64}/g, '[asset-hash]');
  if (Array.isArray(value)) return value.map(redactAssetHashes);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactAssetHashes(v)]));
  }
  return value;
}

describe('CX Ledger templates', () => {
  const stacks = buildApp();

  it.each(allStacks(stacks).map((stack) => [stack.stackName, stack] as const))(
    '%s matches the snapshot',
    (_name, stack) => {
      const json = redactAssetHashes(template(stack).toJSON());
      expect(JSON.stringify(json)).not.toMatch(/[0-9a-f]{64}/);
      expect(json).toMatchSnapshot();
    },
  );
});

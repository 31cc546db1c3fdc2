import type { InputKind } from '@cxl/shared/contracts/inputs';

/**
 * Every key shape of the single table, in one place (docs/data-model.md lists the access patterns).
 * pk/sk are strings; gsi1pk/gsi1sk feed the one secondary index.
 */
export const keys = {
  settings: () => ({ pk: 'SETTINGS', sk: 'TENANT' }),
  upload: (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'META' }),
  uploadErrors: (uploadId: string, chunk: number) => ({ pk: `UPLOAD#${uploadId}`, sk: `ERR#${pad(chunk)}` }),
  uploadsByKind: (kind: InputKind) => `UPLOADS#${kind}`,
  sha: (kind: InputKind, sha256: string) => ({ pk: `SHA#${kind}#${sha256}`, sk: 'SHA' }),
  factPk: (kind: InputKind, scope: string) => `FACT#${kind}#${scope}`,
  factSk: (uploadId: string, chunk: number) => `${uploadId}#${pad(chunk)}`,
  scopePk: (kind: InputKind) => `SCOPE#${kind}`,
  periodLock: (month: string) => ({ pk: 'PERIOD', sk: `LOCK#${month}` }),
  recomputeState: () => ({ pk: 'RECOMPUTE', sk: 'STATE' }),
  metricViewPk: (bu: string, grain: string) => `VIEW#metrics#${bu}#${grain}`,
  metaView: () => ({ pk: 'VIEW#meta', sk: 'META' }),
  rollupPk: (bu: string) => `ROLLUP#customer#${bu}`,
};

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

/** Scope key of a (bu, month) pair; fx rates use `*` for the bu. */
export function scopeKey(bu: string, month: string): string {
  return `${bu}#${month}`;
}
export function parseScopeKey(s: string): { bu: string; month: string } {
  const i = s.lastIndexOf('#');
  return { bu: s.slice(0, i), month: s.slice(i + 1) };
}

import { headerKey, KIND_SPECS, type InputKind } from '@cxl/shared/contracts/inputs';
import { BATCH_KINDS, MAX_BATCH_RECORDS } from '@cxl/shared/contracts/uploads';
import { logger } from '../lib/logger';
import { appendScope } from '../repositories/facts';
import { parseScopeKey } from '../repositories/keys';
import type { RowIssue } from '../repositories/uploads';
import { BlockWriter } from './blocks';
import { plainNumber } from './cells';
import { rowIssue } from './issues';
import { loadIngestContext, RowValidator } from './validate';

export type BatchKind = 'contacts' | 'survey-transactional' | 'survey-relationship';

export interface BatchResult {
  status: 'completed' | 'rejected';
  recordsTotal: number;
  recordsAccepted: number;
  recordsRejected: number;
  /** One entry per rejected record; `row` is its 0-based index in `records`. */
  errors: RowIssue[];
  scope: { bu: string; month: string }[];
}

const MAX_FIELDS = 64;

/** Field name (canonical, alias, camelCase …) → canonical column of the kind. */
function fieldLookup(kind: InputKind): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of KIND_SPECS[kind].columns)
    for (const a of [c.name, ...c.aliases]) m.set(headerKey(a), c.name);
  return m;
}

function preview(v: unknown): string {
  if (Array.isArray(v)) return `[array of ${v.length}]`;
  if (v !== null && typeof v === 'object') return '{object}';
  return String(v);
}

/**
 * A JSON record as cells for the shared row parsers: strings as given, finite numbers as plain decimals,
 * booleans as yes/no, null as empty. Nested objects and arrays, unknown fields and a field given twice
 * (e.g. `customer_id` and `customerId`) are refused with the field named — never silently dropped.
 */
function cellsOf(
  rec: unknown,
  lookup: ReadonlyMap<string, string>,
  kind: InputKind,
): { cells: Record<string, string> } | { issue: Omit<RowIssue, 'row'> } {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec))
    return {
      issue: { column: '', value: preview(rec), reason: 'each record must be a JSON object of field: value' },
    };
  const entries = Object.entries(rec as Record<string, unknown>);
  if (entries.length > MAX_FIELDS)
    return { issue: { column: '', value: '', reason: `a record may have at most ${MAX_FIELDS} fields` } };
  const cells: Record<string, string> = {};
  for (const [field, v] of entries) {
    const name = lookup.get(headerKey(field));
    if (name === undefined) {
      return {
        issue: {
          column: field,
          value: preview(v),
          reason: `unknown field "${field}" for ${kind}; accepted fields: ${KIND_SPECS[kind].columns.map((c) => c.name).join(', ')}`,
        },
      };
    }
    if (name in cells)
      return {
        issue: { column: field, value: preview(v), reason: `field ${name} is given twice; send it once` },
      };
    if (v === null || v === undefined) cells[name] = '';
    else if (typeof v === 'string') cells[name] = v;
    else if (typeof v === 'number') {
      if (!Number.isFinite(v))
        return { issue: { column: name, value: String(v), reason: 'not a finite number' } };
      cells[name] = plainNumber(v);
    } else if (typeof v === 'boolean') cells[name] = v ? 'yes' : 'no';
    else {
      return {
        issue: {
          column: name,
          value: preview(v),
          reason: 'nested objects and arrays are not accepted: send a string, number, boolean or null',
        },
      };
    }
  }
  return { cells };
}

/**
 * Ingests a JSON batch of contacts or survey responses (POST /api/ingest/{kind}). Each record is checked
 * with the same KIND_SPECS parsers as files (accept-valid: invalid records are listed by 0-based index,
 * valid ones apply); accepted rows are written as fact blocks under `batchId` and the batch is appended
 * to each scope it touches. Idempotent: the same batch id writes the same block keys and appending a
 * member twice is a no-op; a record re-sent in another batch does not double-count, because a scope's
 * rows are de-duplicated by unique key across its members when read. Locked months are refused.
 * Problems with the records never throw; a database failure does (the caller answers 5xx, the client
 * retries with the same Idempotency-Key).
 */
export async function ingestBatch(
  kind: BatchKind,
  records: Record<string, unknown>[],
  actor: string,
  batchId: string,
): Promise<BatchResult> {
  const list: unknown[] = Array.isArray(records) ? records : [];
  const refuse = (issue: RowIssue): BatchResult => ({
    status: 'rejected',
    recordsTotal: list.length,
    recordsAccepted: 0,
    recordsRejected: list.length,
    errors: [issue],
    scope: [],
  });
  if (!(BATCH_KINDS as readonly string[]).includes(kind))
    return refuse(
      rowIssue(0, '', String(kind), `batches accept ${BATCH_KINDS.join(', ')}; upload other kinds as files`),
    );
  if (list.length > MAX_BATCH_RECORDS) {
    return refuse(
      rowIssue(
        MAX_BATCH_RECORDS,
        '',
        '',
        `a batch holds at most ${MAX_BATCH_RECORDS} records; send the rest in another batch`,
      ),
    );
  }
  const ctx = await loadIngestContext(kind, { decimal: '.', declared: true });
  const validator = new RowValidator(kind, ctx);
  const lookup = fieldLookup(kind);
  const writer = new BlockWriter(kind, batchId);
  const errors: RowIssue[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = cellsOf(list[i], lookup, kind);
    if ('issue' in c) {
      errors.push(rowIssue(i, c.issue.column, c.issue.value, c.issue.reason));
      continue;
    }
    const r = validator.check(c.cells, i);
    if (!r.ok) errors.push(r.issue);
    else writer.add(r.scope, r.row);
  }
  await writer.finish();
  const scopeKeys = [...writer.rowsByScope.keys()].sort();
  const now = new Date().toISOString();
  for (let i = 0; i < scopeKeys.length; i += 8)
    await Promise.all(scopeKeys.slice(i, i + 8).map((s) => appendScope(kind, s, batchId, now)));
  const accepted = list.length - errors.length;
  logger.info('batch ingested', {
    kind,
    batchId,
    actor,
    records: list.length,
    accepted,
    scopes: scopeKeys.length,
  });
  return {
    status: accepted > 0 ? 'completed' : 'rejected',
    recordsTotal: list.length,
    recordsAccepted: accepted,
    recordsRejected: errors.length,
    errors,
    scope: scopeKeys.map(parseScopeKey),
  };
}

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputKind } from '@cxl/shared/contracts/inputs';
import { startTestDynamo } from './support/dynamo';
import { buildZip, chunked, csv, gb18030, gbEncodable, xlsx } from '../unit/ingest/support/fixtures';
import { customersCsv, upload, uploadRecord } from '../unit/ingest/support/harness';

let env: Awaited<ReturnType<typeof startTestDynamo>>;
let processUpload: typeof import('@cxl/functions/ingest/process-upload').processUpload;
let ingestBatch: typeof import('@cxl/functions/ingest/batch').ingestBatch;
let createUpload: typeof import('@cxl/functions/repositories/uploads').createUpload;
let getUpload: typeof import('@cxl/functions/repositories/uploads').getUpload;
let validXlsx: Buffer;
let readUpload: typeof import('@cxl/functions/ingest/read-upload').readUpload;
let UploadSource: typeof import('@cxl/functions/ingest/source').UploadSource;

const KINDS: InputKind[] = [
  'customers',
  'revenue',
  'fx-rates',
  'contacts',
  'survey-transactional',
  'survey-relationship',
  'churn-events',
  'operational-drivers',
];
/** Longest a single upload may take here; beyond it the run counts as a hang. */
const HANG_MS = 15_000;

beforeAll(async () => {
  env = await startTestDynamo();
  ({ processUpload } = await import('@cxl/functions/ingest/process-upload'));
  ({ ingestBatch } = await import('@cxl/functions/ingest/batch'));
  ({ createUpload, getUpload } = await import('@cxl/functions/repositories/uploads'));
  ({ readUpload } = await import('@cxl/functions/ingest/read-upload'));
  ({ UploadSource } = await import('@cxl/functions/ingest/source'));
  await upload(
    'customers',
    customersCsv([
      ['C1', 'FZ1'],
      ['C2', 'FZ2'],
    ]),
  );
  validXlsx = await xlsx([
    ['customer_id', 'month', 'revenue'],
    ['C1', new Date(Date.UTC(2024, 0, 1)), 12.5],
    ['C2', 45352, 'abc'],
  ]);
});
afterAll(async () => {
  await env.stop();
});

function withinTime<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} took more than ${HANG_MS} ms`)), HANG_MS);
  });
  return Promise.race([p, hang]).finally(() => clearTimeout(timer));
}

/** Processes one file and checks the outcome is an explained upload, never an exception or a hang. */
async function check(kind: InputKind, bytes: Uint8Array, fileName: string, chunks: number[]): Promise<void> {
  const u = uploadRecord(kind, { fileName });
  await createUpload(u);
  const r = await withinTime(processUpload(u, chunked(Buffer.from(bytes), chunks)), `${kind} ${fileName}`);
  expect(['completed', 'rejected', 'duplicate']).toContain(r.status);
  if (r.status !== 'duplicate') expect(r.rowsAccepted + r.rowsRejected).toBe(r.rowsTotal);
  if (r.status === 'rejected') {
    const rec = await getUpload(u.uploadId);
    expect(rec?.message ?? '').not.toBe('');
    expect(rec?.errorCount ?? 0).toBeGreaterThan(0);
    for (const e of rec?.errors ?? []) {
      expect(e.reason).not.toBe('');
      expect(e.value.length).toBeLessThan(1000);
    }
  }
  if (r.status === 'completed' && r.rowsRejected > 0)
    expect((await getUpload(u.uploadId))?.errorCount).toBe(r.rowsRejected);
}

const kind = fc.constantFrom(...KINDS);
const chunks = fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 3 });
const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(
    '',
    '"',
    '""',
    '"a"b',
    ',',
    ';',
    '\t',
    '\r',
    '\n',
    '(12)',
    '1,234.5',
    '1.234',
    '2024-13',
    '2024年3月',
    '€',
    'NaN',
    '-0',
    '1e309',
    'ALL',
    '#N/A',
  ),
  fc.integer().map(String),
  fc.double().map(String),
);
const headers = fc.oneof(
  fc.constantFrom(
    ['customer_id', 'month', 'revenue'],
    ['customer_id', 'bu', 'start_month'],
    ['month', 'currency', 'rate'],
    ['contact_id', 'customer_id', 'channel', 'created_at'],
    ['response_id', 'customer_id', 'responded_at', 'ltr'],
    ['response_id', 'customer_id', 'responded_at', 'csat'],
    ['customer_id', 'churn_month'],
    ['bu', 'month', 'metric', 'value'],
    ['客户编号', '月份', '收入'],
  ),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 6 }),
);

/** Malformed and odd files: random bytes, random tables, broken quoting, mutated workbooks … */
const malformedFile = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((b) => ({ bytes: b, name: 'garbage.csv' })),
  fc.string({ unit: 'binary', maxLength: 600 }).map((s) => ({ bytes: Buffer.from(s), name: 'unicode.csv' })),
  fc
    .constantFrom('', '\n', '\uFEFF', ',,,\n,,\n', 'customer_id,month,revenue\n', '\uFEFFa;b\tc\n')
    .map((s) => ({ bytes: Buffer.from(s), name: 'tiny.csv' })),
  fc
    .tuple(
      headers,
      fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 12 }),
      fc.constantFrom(',', ';', '\t', '|'),
      fc.boolean(),
    )
    .map(([h, rows, d, bom]) => ({
      bytes: Buffer.from(`${bom ? '\uFEFF' : ''}${csv([h, ...rows], d)}`),
      name: 'table.csv',
    })),
  fc
    .tuple(
      headers,
      fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 8 }),
      fc.nat(),
      fc.constantFrom('"', '\r', '\u0000', '\uFFFD', ','),
    )
    .map(([h, rows, at, ch]) => {
      const text = csv([h, ...rows]);
      const i = text.length === 0 ? 0 : at % text.length;
      return { bytes: Buffer.from(text.slice(0, i) + ch + text.slice(i)), name: 'broken.csv' };
    }),
  fc
    .tuple(
      headers,
      fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 4 }), { maxLength: 6 }),
    )
    .filter(([h, rows]) => gbEncodable(csv([h, ...rows])))
    .map(([h, rows]) => ({ bytes: gb18030(csv([h, ...rows])), name: 'gb.csv' })),
  fc
    .tuple(
      fc.nat(),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
    )
    .map(([cut, flips]) => {
      const b = Buffer.from(validXlsx);
      for (const [at, v] of flips) b[at % b.length] = v;
      return { bytes: cut % 3 === 0 ? b.subarray(0, cut % b.length) : b, name: 'mutated.xlsx' };
    }),
  fc
    .uint8Array({ maxLength: 512 })
    .map((b) => ({ bytes: Buffer.concat([Buffer.from('PK\u0003\u0004'), b]), name: 'fake.xlsx' })),
  fc
    .array(fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.uint8Array({ maxLength: 256 })), {
      maxLength: 4,
    })
    .map((entries) => ({
      bytes: buildZip(entries.map(([name, data]) => ({ name, data: Buffer.from(data) }))),
      name: 'zip.xlsx',
    })),
);

describe('fuzz: malformed files and JSON bodies', () => {
  it('answers every malformed file with an explained upload — no exception, no hang', async () => {
    // 800 files through the whole processor (database included), four at a time.
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(kind, malformedFile, chunks), { minLength: 4, maxLength: 4 }),
        async (files) => {
          await Promise.all(files.map(([k, f, c]) => check(k, f.bytes, f.name, c)));
        },
      ),
      { numRuns: 250 },
    );
  });

  it('reads thousands more malformed files to a row count or a file error (parsing alone)', async () => {
    const ctx = {
      fmt: { decimal: '.' as const },
      buOfCustomer: new Map([['C1', 'FZ1']]),
      locked: new Set(['2024-02']),
    };
    await fc.assert(
      fc.asyncProperty(kind, malformedFile, chunks, async (k, f, c) => {
        const source = new UploadSource(chunked(Buffer.from(f.bytes), c));
        let accepted = 0;
        let rejected = 0;
        const out = await withinTime(
          readUpload(source, f.name, k, ctx, {
            accept: () => void accepted++,
            reject: (e) => {
              rejected++;
              expect(e.reason).not.toBe('');
            },
            backpressure: () => undefined,
          }),
          `parse ${k} ${f.name}`,
        );
        source.close();
        expect(out.rowsAccepted).toBe(accepted);
        expect(out.rowsRejected).toBe(rejected);
        if (out.fileError) expect(out.fileError.message).not.toBe('');
        else expect(out.rowsTotal).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('survives huge fields and long lines without holding them', async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    for (const [name, text] of [
      ['huge field', `customer_id,month,revenue\n"${huge}",2024-01,1\n`],
      ['huge unquoted line', `customer_id,month,revenue\n${huge},2024-01,1\n`],
      ['huge header', `${huge}\nC1,2024-01,1\n`],
      ['unbalanced quote', `customer_id,month,revenue\nC1,"2024-01,1\n${'C1,2024-01,1\n'.repeat(200_000)}`],
    ] as const) {
      await check('revenue', Buffer.from(text), `${name}.csv`, [65_536]);
    }
  });

  it('answers every malformed JSON batch with per-record reasons — no exception', async () => {
    const validish = fc.record(
      {
        response_id: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
        customer_id: fc.constantFrom('C1', 'C2', 'C9', ''),
        responded_at: fc.oneof(
          fc.constantFrom('2024-03-02T10:00:00Z', '2024-13-02T10:00:00Z', 'yesterday'),
          fc.string(),
        ),
        ltr: fc.oneof(
          fc.integer({ min: -2, max: 12 }),
          fc.double(),
          fc.string({ maxLength: 3 }),
          fc.constant(null),
        ),
        csat: fc.anything({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    );
    const record = fc.oneof(
      validish,
      fc.anything({ maxDepth: 4 }),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 })),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('contacts', 'survey-transactional', 'survey-relationship'),
        fc.array(record, { maxLength: 30 }),
        async (k, records) => {
          const r = await withinTime(
            ingestBatch(k, records as Record<string, unknown>[], 'fuzz', `fz${n++}`),
            'batch',
          );
          expect(r.recordsTotal).toBe(records.length);
          expect(r.recordsAccepted + r.recordsRejected).toBe(records.length);
          expect(r.errors).toHaveLength(r.recordsRejected);
          for (const e of r.errors) {
            expect(e.row).toBeGreaterThanOrEqual(0);
            expect(e.row).toBeLessThan(records.length);
            expect(e.reason).not.toBe('');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses deeply nested JSON values without recursing into them', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const r = await ingestBatch(
      'contacts',
      [{ contact_id: deep }, deep as Record<string, unknown>],
      'fuzz',
      'deep',
    );
    expect(r.errors.map((e) => e.row)).toEqual([0, 1]);
  });
});

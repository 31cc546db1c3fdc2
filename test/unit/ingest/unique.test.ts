import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KIND_SPECS, type InputKind, type RowByKind } from '@cxl/shared/contracts/inputs';
import { UniqueRows } from '@cxl/functions/ingest/unique';

/** The reference: a map from the kind's unique key string to the first row. */
function reference<K extends InputKind>(kind: K, rows: RowByKind[K][]): (number | undefined)[] {
  const key = KIND_SPECS[kind].uniqueKey;
  const seen = new Map<string, number>();
  return rows.map((r, i) => {
    const k = key ? key(r) : '';
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i + 2);
    return first;
  });
}

const id = fc.constantFrom('A', 'B', 'C|1', 'C', '1|C', '客户');
const month = fc.constantFrom('2023-12', '2024-01', '2024-02', '1999-07');

describe('duplicate detection within a file', () => {
  it('finds the same first row as the unique key string, for compact id × month keys', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            customerId: id,
            month,
            amountMinor: fc.integer(),
            currency: fc.constant(null),
            bu: fc.constant(null),
          }),
          {
            maxLength: 60,
          },
        ),
        (rows) => {
          const u = new UniqueRows('revenue');
          expect(rows.map((r, i) => u.firstRow(r, i + 2))).toEqual(reference('revenue', rows));
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            bu: fc.constantFrom('ENT', 'SMB'),
            month,
            metric: fc.constantFrom('a', 'b_c'),
            value: fc.double(),
          }),
          { maxLength: 60 },
        ),
        (rows) => {
          const u = new UniqueRows('operational-drivers');
          expect(rows.map((r, i) => u.firstRow(r, i + 2))).toEqual(reference('operational-drivers', rows));
        },
      ),
    );
  });

  it('finds the same first row for single-id keys', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), (ids) => {
        const rows = ids.map((contactId) => ({ contactId }) as RowByKind['contacts']);
        const u = new UniqueRows('contacts');
        expect(rows.map((r, i) => u.firstRow(r, i + 2))).toEqual(reference('contacts', rows));
        expect(u.size).toBe(new Set(ids).size);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeUtf8Length, TextNormaliser } from '@cxl/functions/ingest/decode';
import { FileError } from '@cxl/functions/ingest/issues';
import { chunksOf, gb18030, gbEncodable, utf16 } from './support/fixtures';

/** Feeds `bytes` in the given chunk sizes and returns the decoded text and the detected encoding. */
function decode(bytes: Buffer, sizes: readonly number[] = [65_536]) {
  const t = new TextNormaliser();
  const out: Buffer[] = [];
  for (const c of chunksOf(bytes, sizes)) out.push(...t.push(c));
  out.push(...t.end());
  return { text: Buffer.concat(out).toString('utf8'), encoding: t.encoding };
}

const header = '客户编号,月份,收入\n';

describe('encoding detection and streaming decode', () => {
  it.each([
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header)]), 'utf-8-bom'],
    ['UTF-8 without a BOM', Buffer.from(header), 'utf-8'],
    ['GB18030 (Chinese Excel CSV)', gb18030(header), 'gb18030'],
    ['UTF-16 LE with a BOM (Excel "Unicode text")', utf16(header, 'le'), 'utf-16le'],
    ['UTF-16 BE with a BOM', utf16(header, 'be'), 'utf-16be'],
  ])('reads %s', (_name, bytes, encoding) => {
    for (const sizes of [[65_536], [1], [2, 3], [7]]) {
      expect(decode(bytes, sizes)).toEqual({ text: header, encoding });
    }
  });

  it('waits for non-ASCII bytes before choosing, so a GB18030 file with a long ASCII start is still read', () => {
    const ascii = 'customer_id,month,revenue\n' + 'C1,2024-03,1.00\n'.repeat(20_000);
    const bytes = Buffer.concat([Buffer.from(ascii), gb18030('张三,2024-03,5.00\n')]);
    expect(decode(bytes, [4096])).toEqual({ text: `${ascii}张三,2024-03,5.00\n`, encoding: 'gb18030' });
  });

  it('refuses binary data with the byte offset', () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0, 1, 2, 3])]);
    expect(() => decode(bytes)).toThrow(FileError);
    expect(() => decode(bytes)).toThrow(/binary data \(a NUL byte at 8\)/);
  });

  it('refuses UTF-8 that turns invalid later (mixed encodings) instead of guessing', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${header}${'张三,2024-03,1\n'.repeat(400)}`),
      gb18030('李四,2024-03,2\n'),
    ]);
    expect(() => decode(bytes, [1024])).toThrow(/not valid UTF-8 after byte \d+: it mixes encodings/);
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    expect(() => decode(Buffer.from([0x41, 0x2c, 0xff, 0xff, 0xff, 0x0a]))).toThrow(FileError);
  });

  it('holds back a UTF-8 sequence cut at a chunk end', () => {
    const b = Buffer.from('a€');
    expect(completeUtf8Length(b)).toBe(b.length);
    expect(completeUtf8Length(b.subarray(0, 3))).toBe(1);
    expect(completeUtf8Length(Buffer.from('abc'))).toBe(3);
  });

  it('decodes any text the same whatever the chunking (UTF-8 ± BOM, UTF-16 LE)', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'grapheme', maxLength: 60 })
          .filter((s) => !s.includes('\u0000') && !s.startsWith('\uFEFF')),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le'),
        (s, sizes, enc) => {
          const bytes =
            enc === 'utf-16le'
              ? utf16(s, 'le')
              : enc === 'utf-8-bom'
                ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)])
                : Buffer.from(s);
          expect(decode(bytes, sizes).text).toBe(s);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('decodes GB18030 Chinese text the same whatever the chunking', () => {
    const alphabet = [...'客户编号月份收入币种张三李四王五赵六年季度公司销售额元'];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom('a', '1', ',', '\n', ' ')), {
          minLength: 1,
          maxLength: 80,
        }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }),
        (chars, sizes) => {
          const s = `${chars.join('')}客`;
          expect(gbEncodable(s)).toBe(true);
          expect(decode(gb18030(s), sizes)).toEqual({ text: s, encoding: 'gb18030' });
        },
      ),
      { numRuns: 150 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabelError } from '../errors/label-error';
import { type ByteSource, bytesSource } from './byte-source';
import { CSV_LIMITS, type CsvLimits } from './csv-limits';
import { type CsvRecord, scanCsv } from './scan-csv';

function scan(source: ByteSource, limits: Partial<CsvLimits> = {}, delimiter: ',' | ';' = ',') {
  const records: CsvRecord[] = [];
  const problems: LabelError[] = [];
  scanCsv(source, {
    delimiter,
    limits: { ...CSV_LIMITS, ...limits },
    onRecord: (record) => records.push(record),
    onProblem: (problem) => problems.push(problem),
  });
  return {
    records: records.map((record) => [record.line, ...record.cells]),
    problems: problems.map((problem) => [problem.code, problem.line, problem.detail]),
  };
}

const text = (value: string) => bytesSource(new TextEncoder().encode(value));

describe('scanCsv: limits on rows, cells and rows’ bytes', () => {
  const limits = { rows: 3, cellBytes: 8, rowBytes: 40 };

  it.each<[string, string, unknown[], unknown[]]>([
    [
      'a cell past cellBytes: that row skipped, quoting its start',
      'id,v\nP1,12345678\nP2,123456789\nP3,x\n',
      [
        [1, 'id', 'v'],
        [2, 'P1', '12345678'],
        [4, 'P3', 'x'],
      ],
      [
        [
          'csv-limit',
          3,
          'cell 2 must be at most 8 bytes, got 9 bytes starting "12345678"; the row was skipped',
        ],
      ],
    ],
    [
      'a long quoted cell over three lines: skipped whole, lines still right',
      'id,v\nP1,"a\nbbbbbbbbbb\nc"\nP2,x\n',
      [
        [1, 'id', 'v'],
        [5, 'P2', 'x'],
      ],
      [['csv-limit', 2, expect.stringMatching(/^cell 2 must be at most 8 bytes, got 14 bytes/)]],
    ],
    [
      'a row past rowBytes (many short cells)',
      `id,v\n${'a,'.repeat(30)}\nP2,x\n`,
      [
        [1, 'id', 'v'],
        [3, 'P2', 'x'],
      ],
      [['csv-limit', 2, 'a row must be at most 40 bytes, got 60; the row was skipped']],
    ],
    [
      'more rows than the limit: reading stops, the rows before are kept',
      'id,v\nP1,a\nP2,b\nP3,c\nP4,d\nP5,e\n',
      [
        [1, 'id', 'v'],
        [2, 'P1', 'a'],
        [3, 'P2', 'b'],
        [4, 'P3', 'c'],
      ],
      [
        [
          'csv-limit',
          5,
          'a label CSV must have at most 3 rows after the header, got more; reading stopped here',
        ],
      ],
    ],
    [
      'exactly the row limit, blank and empty-cell lines not counted',
      'id,v\n\nP1,a\n,\nP2,b\n  \nP3,c\n\n',
      [
        [1, 'id', 'v'],
        [3, 'P1', 'a'],
        [4, '', ''],
        [5, 'P2', 'b'],
        [6, ''],
        [7, 'P3', 'c'],
      ],
      [],
    ],
  ])('%s', (_, csv, records, problems) => {
    expect(scan(text(csv), limits)).toEqual({ records, problems });
  });

  it('a 50 MB cell is read in 64 KiB pieces, never held: one problem quoting 80 characters', () => {
    const size = 50 * 1024 * 1024;
    const head = new TextEncoder().encode('id,v\nP1,');
    const tail = new TextEncoder().encode('\nP2,x\n');
    let largestRead = 0;
    // A virtual file: the header, 50 MB of 'A', then one more row (nothing is allocated for it).
    const source: ByteSource = {
      read(position, into) {
        largestRead = Math.max(largestRead, into.length);
        const total = head.length + size + tail.length;
        const count = Math.max(0, Math.min(into.length, total - position));
        for (let index = 0; index < count; index += 1) {
          const at = position + index;
          into[index] =
            at < head.length
              ? head[at]!
              : at < head.length + size
                ? 0x41
                : tail[at - head.length - size]!;
        }
        return count;
      },
    };
    const result = scan(source);
    expect(largestRead).toBeLessThanOrEqual(64 * 1024);
    expect(result.records).toEqual([
      [1, 'id', 'v'],
      [3, 'P2', 'x'],
    ]);
    expect(result.problems).toEqual([
      [
        'csv-limit',
        2,
        `cell 2 must be at most 10000 bytes, got ${size} bytes starting "${'A'.repeat(80)}"; the row was skipped`,
      ],
    ]);
  });
});

describe('scanCsv: syntax problems and recovery', () => {
  it.each<[string, string, unknown[], unknown[]]>([
    [
      'a quote never closed (CRLF): that record’s first line is skipped, reading goes on',
      'id,v\r\nP1,"a\r\nP2,b\r\nP3,c\r\n',
      [
        [1, 'id', 'v'],
        [3, 'P2', 'b'],
        [4, 'P3', 'c'],
      ],
      [['csv-syntax', 2, expect.stringMatching(/^a quoted value must end with a closing quote/)]],
    ],
    [
      'a quote never closed on the last line',
      'id,v\nP1,"a',
      [[1, 'id', 'v']],
      [['csv-syntax', 2, expect.stringMatching(/never closed/)]],
    ],
    [
      'text after a closing quote: the rest of that line skipped',
      'id,v\n"P1" x,a\nP2,b\n',
      [
        [1, 'id', 'v'],
        [3, 'P2', 'b'],
      ],
      [
        [
          'csv-syntax',
          2,
          expect.stringMatching(/^a closing quote must be followed by a delimiter/),
        ],
      ],
    ],
    [
      'quotes: escaped, around a delimiter and a line break, whitespace around them',
      'id,v\n  "P,1" , "a ""b""\nc"\r\nP2,x"y\n',
      [
        [1, 'id', 'v'],
        [2, 'P,1', 'a "b"\nc'],
        [4, 'P2', 'x"y'],
      ],
      [],
    ],
  ])('%s', (_, csv, records, problems) => {
    expect(scan(text(csv))).toEqual({ records, problems });
  });
});

describe('scanCsv: chunk boundaries do not matter', () => {
  const piece = fc.constantFrom('a', 'é', ' ', ',', ';', '"', '""', '\n', '\r', '\r\n', 'P1', '😀');
  it('reading 1–3 bytes at a time gives the same records and problems as reading at once', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<',' | ';'>(',', ';'),
        (pieces, steps, delimiter) => {
          const bytes = new TextEncoder().encode(`id,v\n${pieces.join('')}`);
          let call = 0;
          const trickle: ByteSource = {
            read(position, into) {
              const count = Math.min(into.length, steps[call++ % steps.length]!);
              const part = bytes.subarray(position, position + count);
              into.set(part);
              return part.length;
            },
          };
          const limits = { cellBytes: 6, rowBytes: 20, rows: 8 };
          expect(scan(trickle, limits, delimiter)).toEqual(
            scan(bytesSource(bytes), limits, delimiter),
          );
        },
      ),
      { numRuns: 500, seed: 16 },
    );
  });
});

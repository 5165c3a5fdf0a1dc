import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { AuditLogRow } from '@/db/schema';
import { auditCsvRow, csvRow, CSV_HEADER } from '@/lib/audit/csv';

const entry = (overrides: Partial<AuditLogRow>): AuditLogRow => ({
  id: 1,
  at: new Date('2026-11-26T12:00:00Z'),
  actorKind: 'user',
  actorId: 'u1',
  actorName: 'Ada',
  action: 'apiAccess.create',
  targetType: 'apiAccess',
  targetId: 'ak_aaaaaaaaaaaaaaaaaaaa',
  targetName: 'billing',
  ip: '203.0.113.7',
  userAgent: 'Browser/1.0',
  requestId: 'req-1',
  changes: {},
  ...overrides,
});

describe('the audit CSV', () => {
  it('round-trips commas, quotes, newlines and non-ASCII through a CSV parser, with a header row', () => {
    const hostile = entry({
      actorName: 'Lovelace, "Ada"',
      targetName: 'line one\nline two\r\nthree',
      userAgent: 'Zoë ✓',
      changes: { after: { description: 'a, "b"' } },
    });
    const csv = csvRow(CSV_HEADER) + auditCsvRow(hostile) + auditCsvRow(entry({}));
    const rows = parse(csv) as string[][];
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows).toHaveLength(3);
    expect(rows[1]![2]).toBe('Lovelace, "Ada"');
    expect(rows[1]![6]).toBe('line one\nline two\r\nthree');
    expect(rows[1]![9]).toBe('Zoë ✓');
    expect(JSON.parse(rows[1]![10]!)).toEqual({ after: { description: 'a, "b"' } });
    expect(rows[0]![11]).toBe('Request id');
    expect(rows[1]![11]).toBe('req-1');
  });

  it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises the formula cell %j', (name) => {
    const [row] = parse(auditCsvRow(entry({ targetName: name }))) as string[][];
    expect(row![6]).toBe(`'${name}`);
  });
});

/**
 * Fields a spreadsheet that splits on `;` or tab (not the file's `,`) would cut into cells, each
 * starting mid-field, where the quotes around a comma-separated field no longer count.
 */
const SPLIT_ELSEWHERE = [
  'x;=HYPERLINK("http://evil")',
  'a;@SUM(1)',
  'a\t+1',
  'a; -1;-2',
  'a;"=1+1"',
  'a;""@x',
  'line one\n=cmd',
  'line one\r\n@cmd',
  'Mozilla/5.0 (X11; Linux x86_64)',
];

const FORMULA_START = /^"*[=+\-@]/;

/** What each reading of the file makes of it, as a spreadsheet with that separator would. */
const readings = (csv: string): Record<string, string[][]> => ({
  comma: parse(csv) as string[][],
  // Quotes in the middle of a cell are kept as text, as spreadsheets do.
  semicolon: parse(csv, { delimiter: ';', relax_quotes: true, relax_column_count: true }) as string[][],
  tab: parse(csv, { delimiter: '\t', relax_quotes: true, relax_column_count: true }) as string[][],
  // A reader that ignores quotes altogether: the worst case.
  semicolonIgnoringQuotes: csv.split(/\r\n|[\r\n]/).map((line) => line.split(';')),
  tabIgnoringQuotes: csv.split(/\r\n|[\r\n]/).map((line) => line.split('\t')),
});

describe('the audit CSV opened with another separator', () => {
  const csv =
    csvRow(CSV_HEADER) +
    SPLIT_ELSEWHERE.map((text) => auditCsvRow(entry({ targetName: text, userAgent: text, changes: { after: { name: text } } }))).join('');

  it.each(Object.keys(readings(csv)))('shows no cell starting with a formula character when read by %s', (reading) => {
    const cells = readings(csv)[reading]!.flat();
    expect(cells.length).toBeGreaterThan(SPLIT_ELSEWHERE.length);
    expect(cells.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
  });

  it('keeps each field whole for a comma reader, with an apostrophe only before a formula character', () => {
    const rows = (parse(csv) as string[][]).slice(1);
    expect(rows.map((row) => row[6])).toEqual([
      'x;\'=HYPERLINK("http://evil")',
      "a;'@SUM(1)",
      "a\t'+1",
      "a; -1;'-2",
      'a;"\'=1+1"',
      'a;""\'@x',
      "line one\n'=cmd",
      "line one\r\n'@cmd",
      'Mozilla/5.0 (X11; Linux x86_64)',
    ]);
    expect(rows.every((row) => row[9] === row[6])).toBe(true);
    expect(JSON.parse(rows[0]![10]!)).toEqual({ after: { name: 'x;\'=HYPERLINK("http://evil")' } });
  });
});

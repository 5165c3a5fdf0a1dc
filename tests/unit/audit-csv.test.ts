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
  });

  it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises the formula cell %j', (name) => {
    const [row] = parse(auditCsvRow(entry({ targetName: name }))) as string[][];
    expect(row![6]).toBe(`'${name}`);
  });
});

import type { AuditLogRow } from '@/db/schema';

export const CSV_HEADER = [
  'When (UTC)',
  'Actor kind',
  'Actor',
  'Actor id',
  'Action',
  'Target type',
  'Target',
  'Target id',
  'IP',
  'User agent',
  'Changes',
];

/**
 * One CSV cell (RFC 4180 quoting). A cell a spreadsheet would read as a formula (= + - @, or a
 * leading tab or carriage return) is neutralised with a leading apostrophe.
 */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: (string | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;

export const auditCsvRow = (entry: AuditLogRow) =>
  csvRow([
    entry.at.toISOString(),
    entry.actorKind,
    entry.actorName,
    entry.actorId,
    entry.action,
    entry.targetType,
    entry.targetName,
    entry.targetId,
    entry.ip,
    entry.userAgent,
    Object.keys(entry.changes).length ? JSON.stringify(entry.changes) : '',
  ]);

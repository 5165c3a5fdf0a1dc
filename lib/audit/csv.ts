import type { AuditLogRow } from '@/db/schema';
import { csvCell } from './csv-cell';

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
  // Last: columns added later go at the end, so a reader of the earlier file finds every column where it was.
  'Request id',
];

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
    entry.requestId,
  ]);

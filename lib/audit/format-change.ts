import { describeRateLimit } from '@/lib/api-access/rate-limit-words';

type GrantLike = { permission: string; accessNamePattern?: string };

const isRateLimit = (value: unknown): value is { limit: number; windowSeconds: number } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { limit?: unknown }).limit === 'number' &&
  typeof (value as { windowSeconds?: unknown }).windowSeconds === 'number';

const isGrant = (value: unknown): value is GrantLike =>
  typeof value === 'object' && value !== null && typeof (value as GrantLike).permission === 'string';

/** One recorded field value, as a person reads it: lists joined, grants with their pattern, blanks named. */
export function formatChange(value: unknown): string {
  if (value === '' || value === null || value === undefined) return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    return value
      .map((item) =>
        isGrant(item) ? (item.accessNamePattern ? `${item.permission} (${item.accessNamePattern})` : item.permission) : formatChange(item),
      )
      .join(', ');
  }
  if (isRateLimit(value)) return describeRateLimit(value);
  return JSON.stringify(value);
}

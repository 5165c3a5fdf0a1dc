type GrantLike = { permission: string; accessNamePattern?: string };

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
  return JSON.stringify(value);
}

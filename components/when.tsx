import { formatDateTime, formatExactDateTime, formatRelative } from '@/lib/format';

/**
 * An instant as people read it at a glance ("in 29 days", "3 hours ago"), with the exact UTC
 * time in the element's title (hover) and `datetime` (machines, screen readers on demand).
 */
export function When({ at, now = new Date(), never = 'Never' }: { at: Date | null; now?: Date; never?: string }) {
  if (!at) return <>{never}</>;
  return (
    <time dateTime={at.toISOString()} title={formatExactDateTime(at)}>
      {formatRelative(at, now)}
    </time>
  );
}

/** The exact time with its zone (what a detail view promises), and how far away it is beside it. */
export function WhenExactly({ at, now = new Date(), never = 'Never' }: { at: Date | null; now?: Date; never?: string }) {
  if (!at) return <>{never}</>;
  return (
    <>
      <time dateTime={at.toISOString()}>{formatDateTime(at)}</time> <span className="muted">({formatRelative(at, now)})</span>
    </>
  );
}

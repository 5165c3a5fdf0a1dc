/** Dates are shown in UTC, with the zone named, so every reader sees the same instant. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "3 days ago", "in 2 hours", "in 11 months": relative to `now`, read at a glance. */
export function formatRelative(value: Date | string | null, now = new Date()): string {
  if (!value) return 'Never';
  const date = typeof value === 'string' ? new Date(value) : value;
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  // Coarser the further away: "in 11 months" says more at a glance than "in 334 days".
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 545 * 86400],
    ['month', 45 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const sizes: Partial<Record<Intl.RelativeTimeFormatUnit, number>> = { year: 365 * 86400, month: 30 * 86400 };
  for (const [unit, threshold] of units)
    if (Math.abs(seconds) >= threshold) return format.format(Math.round(seconds / (sizes[unit] ?? threshold)), unit);
  return 'just now';
}

/** To the second, with the zone named: what an expiry email promises. */
export function formatExactDateTime(value: Date): string {
  return `${value.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

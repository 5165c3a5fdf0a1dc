import type { DailyUsage } from '@/lib/api-access/usage-by-day';

const WIDTH = 480;
const FULL_HEIGHT = 120;
const COMPACT_HEIGHT = 40;
const BAR_GAP = 2;

/** Uses per day over 30 days as server-rendered SVG bars, with the numbers in a table for screen readers. */
export function UsageChart({
  usage,
  compact = false,
  caption = 'uses',
  none = 'No use in the last 30 days.',
}: {
  usage: DailyUsage[];
  compact?: boolean;
  /** What the total counts ("1,234 uses in the last 30 days"). */
  caption?: string;
  /** Said instead of an empty chart. */
  none?: string;
}) {
  const HEIGHT = compact ? COMPACT_HEIGHT : FULL_HEIGHT;
  const total = usage.reduce((sum, day) => sum + day.count, 0);
  const peak = Math.max(1, ...usage.map((day) => day.count));
  const barWidth = WIDTH / usage.length - BAR_GAP;
  // An empty frame says nothing a sentence does not.
  if (total === 0) return <p className="usage-none">{none}</p>;
  return (
    <figure className={compact ? 'usage usage-compact' : 'usage'}>
      <figcaption>{`${total.toLocaleString('en')} ${caption} in the last 30 days (peak ${peak.toLocaleString('en')} a day).`}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + 16}`} width="100%" role="img" aria-label={`Daily uses, last 30 days: ${total} in all`}>
        {usage.map((day, i) => {
          const height = Math.round((day.count / peak) * HEIGHT);
          return (
            <rect
              key={day.day}
              x={i * (barWidth + BAR_GAP)}
              y={HEIGHT - height}
              width={barWidth}
              height={Math.max(height, day.count ? 1 : 0)}
              className="usage-bar"
            >
              <title>{`${day.day}: ${day.count}`}</title>
            </rect>
          );
        })}
        <line x1="0" x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="usage-axis" />
        <text x="0" y={HEIGHT + 13} className="usage-label">
          {usage[0]?.day}
        </text>
        <text x={WIDTH} y={HEIGHT + 13} textAnchor="end" className="usage-label">
          {usage.at(-1)?.day}
        </text>
      </svg>
      <details>
        <summary>Uses per day</summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Uses</th>
            </tr>
          </thead>
          <tbody>
            {usage
              .filter((day) => day.count > 0)
              .map((day) => (
                <tr key={day.day}>
                  <td>{day.day}</td>
                  <td>{day.count}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

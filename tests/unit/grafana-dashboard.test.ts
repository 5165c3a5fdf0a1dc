import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processMetrics } from '@/lib/metrics/registry';

type Panel = { type: string; targets?: { expr: string }[] };

const dashboard = JSON.parse(readFileSync('docs/grafana-dashboard.json', 'utf8')) as { panels: Panel[] };
const expressions = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
// A histogram's series end in _bucket, _sum and _count; the metric is the name without them.
const metricOf = (series: string) => series.replace(/_(bucket|sum|count)$/, '');

describe('the Grafana dashboard (docs/grafana-dashboard.json)', () => {
  const served = processMetrics(() => true)!
    .registry.getMetricsAsArray()
    .map((metric) => metric.name);

  it('charts every keygate_ metric /metrics serves, by exactly its name', () => {
    const charted = new Set(expressions.flatMap((expr) => expr.match(/\bkeygate_[a-z_]+/g) ?? []).map(metricOf));
    expect([...charted].sort()).toEqual(served.filter((name) => name.startsWith('keygate_')).sort());
  });

  it('uses only process metrics /metrics serves', () => {
    const charted = expressions.flatMap((expr) => expr.match(/\b(process|nodejs)_[a-z0-9_]+/g) ?? []).map(metricOf);
    for (const name of charted) expect(served, name).toContain(name);
  });
});

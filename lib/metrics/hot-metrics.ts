import { Counter, type Registry } from 'prom-client';

// Metrics of the verification hot path: plain numbers updated in a few nanoseconds, handed to
// prom-client only when scraped. prom-client's own labelled inc() hashes and validates its labels
// (~150 ns) and its Histogram.observe() does the same (~250 ns): measurable on the fast path.

/** A counter, possibly by one label, whose values are numbers in a Map until a scrape reads them. */
export function tallyCounter(registry: Registry, name: string, help: string, label?: string) {
  const tallies = new Map<string | number, number>();
  new Counter({
    name,
    help,
    labelNames: label ? [label] : [],
    registers: [registry],
    collect() {
      this.reset();
      for (const [value, count] of tallies) this.inc(label ? { [label]: String(value) } : {}, count);
    },
  });
  return { add: (value: string | number = '') => void tallies.set(value, (tallies.get(value) ?? 0) + 1) };
}

/**
 * A histogram without labels: a count per bucket in a typed array, its sum and count, exposed
 * to the registry as prom-client exposes its own (cumulative `_bucket{le}`, `_sum`, `_count`).
 */
export function bucketHistogram(registry: Registry, name: string, help: string, bounds: number[]) {
  const counts = new Float64Array(bounds.length + 1);
  let sum = 0;
  let count = 0;
  const get = async () => {
    let cumulative = 0;
    const buckets = bounds.map((le, index) => ({ labels: { le }, value: (cumulative += counts[index]!), metricName: `${name}_bucket` }));
    return {
      name,
      help,
      type: 'histogram',
      aggregator: 'sum',
      values: [
        ...buckets,
        { labels: { le: '+Inf' }, value: count, metricName: `${name}_bucket` },
        { labels: {}, value: sum, metricName: `${name}_sum` },
        { labels: {}, value: count, metricName: `${name}_count` },
      ],
    };
  };
  registry.registerMetric({ name, help, type: 'histogram', aggregator: 'sum', get, reset: () => {} } as unknown as Parameters<
    Registry['registerMetric']
  >[0]);
  return {
    observe(value: number) {
      let index = 0;
      while (index < bounds.length && value > bounds[index]!) index++;
      counts[index]!++;
      sum += value;
      count++;
    },
  };
}

import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { bucketHistogram, tallyCounter } from '@/lib/metrics/hot-metrics';

const BOUNDS = [0.001, 0.01, 0.1, 1];
const OBSERVED = [0.0005, 0.001, 0.002, 0.05, 0.05, 0.7, 3];

describe('the hot-path metrics', () => {
  it('expose a histogram exactly as prom-client exposes its own', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const histogram = bucketHistogram(ours, 'x_seconds', 'help', BOUNDS);
    const reference = new Histogram({ name: 'x_seconds', help: 'help', buckets: BOUNDS, registers: [theirs] });
    for (const value of OBSERVED) {
      histogram.observe(value);
      reference.observe(value);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).toContain('x_seconds_bucket{le="0.01"} 3');
  });

  it('expose counters, by a label or not, as prom-client does', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const byCode = tallyCounter(ours, 'y_total', 'help', 'code');
    const plain = tallyCounter(ours, 'z_total', 'help');
    const referenceByCode = new Counter({ name: 'y_total', help: 'help', labelNames: ['code'], registers: [theirs] });
    const referencePlain = new Counter({ name: 'z_total', help: 'help', registers: [theirs] });
    for (const code of ['VALID', 'VALID', 'EXPIRED']) {
      byCode.add(code);
      referenceByCode.inc({ code });
    }
    plain.add();
    referencePlain.inc();
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).toContain('y_total{code="VALID"} 2');
  });
});

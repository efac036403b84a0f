// Latency statistics of timed requests: percentiles, a summary per step and per time bucket.

/** One timed request: when it started (ms since the run began), how long it took, whether it succeeded. */
export interface Sample {
  at: number;
  ms: number;
  ok: boolean;
}

export interface StepSummary {
  count: number;
  errors: number;
  p50: number;
  p99: number;
}

/** The nearest-rank percentile (`p` in 0–100) of `values`; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Count, errors and the p50 and p99 of the successful requests (a failure's time says little). */
export function summarize(samples: readonly Sample[]): StepSummary {
  const times = samples.filter((sample) => sample.ok).map((sample) => sample.ms);
  return {
    count: samples.length,
    errors: samples.length - times.length,
    p50: round(percentile(times, 50)),
    p99: round(percentile(times, 99)),
  };
}

/** The summary of each `bucketMs` window by start time, from the first window to the last with samples. */
export function perBucket(
  samples: readonly Sample[],
  bucketMs: number,
): (StepSummary & { bucket: number })[] {
  const buckets = new Map<number, Sample[]>();
  for (const sample of samples) {
    const bucket = Math.floor(sample.at / bucketMs);
    const list = buckets.get(bucket);
    if (list) list.push(sample);
    else buckets.set(bucket, [sample]);
  }
  const last = Math.max(-1, ...buckets.keys());
  return Array.from({ length: last + 1 }, (_, bucket) => ({
    bucket,
    ...summarize(buckets.get(bucket) ?? []),
  }));
}

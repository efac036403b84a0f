// Whether a series drifts or grows: a least-squares slope (soak), and growth against log n (growth).

/** The least-squares slope of y over x; 0 with fewer than two distinct x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const { x, y } of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

export interface GrowthStep {
  /** The larger size */
  n: number;
  /** The measure at n over the measure at the smallest size */
  ratio: number;
  /** log n over log of the smallest size: the most a logarithmic cost may grow */
  logRatio: number;
  withinLog: boolean;
}

/**
 * Each size's measure (e.g. p99, or the buffers the plan touched) against the smallest size's, beside
 * how much log n grew: a cost that grows no faster than log n keeps ratio ≤ logRatio (× tolerance, for
 * the noise of timings on a shared machine).
 */
export function growthAgainstLog(
  points: readonly { n: number; value: number }[],
  tolerance = 1,
): GrowthStep[] {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const first = sorted[0];
  if (!first || first.n < 2 || first.value <= 0) return [];
  return sorted.slice(1).map(({ n, value }) => {
    const ratio = value / first.value;
    const logRatio = Math.log(n) / Math.log(first.n);
    return {
      n,
      ratio: Math.round(ratio * 100) / 100,
      logRatio: Math.round(logRatio * 100) / 100,
      withinLog: ratio <= logRatio * tolerance + 1e-9,
    };
  });
}

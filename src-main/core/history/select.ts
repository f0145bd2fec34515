/**
 * Order statistics in linear time: medians and percentiles of typed arrays without sorting them,
 * so the metrics query stays fast on a year of pages.
 */

/** Partially reorders `a[lo..hi]` (inclusive) so that `a[k]` holds the value a full sort would put there. */
export function selectK(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    // Median of three as pivot.
    const mid = lo + ((hi - lo) >> 1);
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}

/** Median of `a[lo, hi)` (mean of the two middle values, rounded), or null when empty. Reorders the slice. */
export function selectMedian(a: Float64Array, lo = 0, hi = a.length): number | null {
  const n = hi - lo;
  if (n <= 0) return null;
  const k = lo + (n >> 1);
  const upper = selectK(a, lo, hi - 1, k);
  if (n % 2 === 1) return upper;
  // After selection everything left of k is <= a[k]: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = lo; i < k; i++) if ((a[i] as number) > lower) lower = a[i] as number;
  return Math.round((lower + upper) / 2);
}

/** Nearest-rank percentile (0 < p <= 1) of `a`, or null when empty. Reorders the array. */
export function selectPercentile(a: Float64Array, p: number): number | null {
  const n = a.length;
  if (n === 0) return null;
  const k = Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1));
  return selectK(a, 0, n - 1, k);
}

// Timing helpers for the benchmarks: medians and percentiles of measured samples, peak memory.
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (samples: number[]) => percentile(samples, 50);
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Peak resident set size of this process so far, in MiB (maxRSS is in KiB on Linux). */
export const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024, 1);

/** Prints one JSON result line for the runner. */
export function emit(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMb: peakRssMb() })}\n`);
}

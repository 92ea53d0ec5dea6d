// Timing helpers for the benchmarks: medians and percentiles of measured samples, peak memory.
import { readFileSync } from 'node:fs';
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

/** Another process's memory from /proc, MiB: 'VmHWM' its peak so far, 'VmRSS' now (0 once it is gone). */
export function processMib(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    return round(
      Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
      1,
    );
  } catch {
    return 0;
  }
}

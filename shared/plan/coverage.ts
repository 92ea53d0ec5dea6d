// How much of a plan's task and target sections the parser accounted for: a line counts when it became part of an item
// (a task, a target, a heading over tasks) or of a warning. A line in neither was lost in silence.
import type { Line } from './plan-items.ts';

export interface Coverage {
  /** Lines of the task and target sections. */
  lines: number;
  /** Of those, lines in an item or a warning. */
  accounted: number;
  /** accounted / lines (1 when there are no such lines). */
  share: number;
  /** The lines not accounted for, in document order. */
  missing: { line: number; where: string; text: string }[];
}

/** Below this share a plan is not usable: too much of it went unread. */
export const COVERAGE_FLOOR = 0.9;

export class CoverageCount {
  private readonly counted = new Set<Line>();
  private readonly taken = new Set<Line>();
  count(lines: Iterable<Line>) {
    for (const l of lines) this.counted.add(l);
  }
  account(lines: Iterable<Line>) {
    for (const l of lines) this.taken.add(l);
  }
  result(): Coverage {
    const missing = [...this.counted].filter((l) => !this.taken.has(l)).sort((a, b) => a.line - b.line);
    const lines = this.counted.size;
    const accounted = lines - missing.length;
    return {
      lines,
      accounted,
      share: lines === 0 ? 1 : accounted / lines,
      missing: missing.map((l) => ({
        line: l.line,
        where: l.where,
        text: l.text.length > 80 ? `${l.text.slice(0, 79)}…` : l.text,
      })),
    };
  }
}

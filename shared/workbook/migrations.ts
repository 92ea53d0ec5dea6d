// Reading workbooks of older template versions: each migration lifts a grid one version up. Migrations are
// frozen: each names the sheets, rows, columns and words of the two versions it joins, written out here,
// so that changing today's spec can never change what an old migration does.
import type { CellValue, Grid } from './grid.ts';

/** The oldest version that can still be read; older ones are refused with what to do. */
export const OLDEST_READABLE_VERSION = 1;

/**
 * Version 1 (the pilot layout) had no "Văn bản, sản phẩm" column on the tasks sheet and called the
 * targets sheet "Mục tiêu". Version 2 adds the column (empty) at H and renames the sheet.
 */
const V1_TO_V2 = {
  tasksSheet: 'Nhiệm vụ',
  headerRow: 4,
  outputsColumn: 7,
  outputsHeader: 'Văn bản, sản phẩm\n(Output documents)',
  targetsSheetV1: 'Mục tiêu',
  targetsSheetV2: 'Chỉ tiêu',
  metaSheet: '_meta',
} as const;

function v1toV2(grid: Grid): Grid {
  const f = V1_TO_V2;
  const out: Grid = { ...grid };
  const tasks = grid[f.tasksSheet];
  if (tasks) {
    out[f.tasksSheet] = tasks.map((row, r) => {
      const copy: CellValue[] = [...row];
      while (copy.length < f.outputsColumn) copy.push(null);
      copy.splice(f.outputsColumn, 0, r === f.headerRow - 1 ? f.outputsHeader : null);
      return copy;
    });
  }
  const targets = grid[f.targetsSheetV1];
  if (targets && !grid[f.targetsSheetV2]) {
    out[f.targetsSheetV2] = targets;
    delete out[f.targetsSheetV1];
  }
  const meta = grid[f.metaSheet];
  if (meta) out[f.metaSheet] = meta.map((row) => (row[0] === 'templateVersion' ? ['templateVersion', 2] : row));
  return out;
}

/** MIGRATIONS[v] lifts a version v grid to version v + 1. */
export const MIGRATIONS: Readonly<Record<number, (grid: Grid) => Grid>> = { 1: v1toV2 };

/** The migrations that lift `from` to `to`, in order; null when one of them is missing. */
export function migrationPath(from: number, to: number): ((grid: Grid) => Grid)[] | null {
  const path: ((grid: Grid) => Grid)[] = [];
  for (let v = from; v < to; v++) {
    const step = MIGRATIONS[v];
    if (!step) return null;
    path.push(step);
  }
  return path;
}

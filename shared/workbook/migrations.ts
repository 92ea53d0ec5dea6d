// Reading workbooks of older template versions: each migration lifts a grid one version up.
import type { Grid } from './grid.ts';
import { META_SHEET, TARGETS_SHEET, TASKS_SHEET, columnIndex, headerText } from './spec.ts';

/** The oldest version that can still be read; older ones are refused with what to do. */
export const OLDEST_READABLE_VERSION = 1;

/**
 * Version 1 (the pilot layout) had no "Văn bản, sản phẩm" column on the tasks sheet and called the
 * targets sheet "Mục tiêu". Version 2 adds the column (empty) and renames the sheet.
 */
function v1toV2(grid: Grid): Grid {
  const out: Grid = { ...grid };
  const tasks = grid[TASKS_SHEET.name];
  if (tasks) {
    const at = columnIndex(TASKS_SHEET, 'outputs');
    const headerRow = TASKS_SHEET.headerRow - 1;
    out[TASKS_SHEET.name] = tasks.map((row, r) => {
      const copy = [...row];
      while (copy.length < at) copy.push(null);
      copy.splice(at, 0, r === headerRow ? headerText(TASKS_SHEET.columns[at]!) : null);
      return copy;
    });
  }
  if (grid['Mục tiêu'] && !grid[TARGETS_SHEET.name]) {
    out[TARGETS_SHEET.name] = grid['Mục tiêu'];
    delete out['Mục tiêu'];
  }
  const meta = grid[META_SHEET.name];
  if (meta) out[META_SHEET.name] = meta.map((row) => (row[0] === 'templateVersion' ? ['templateVersion', 2] : row));
  return out;
}

export const MIGRATIONS: Record<number, (grid: Grid) => Grid> = { 1: v1toV2 };

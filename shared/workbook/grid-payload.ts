// How large a grid an add-in may send (the payload itself is in shared/api/contract.ts), and how large a grid any
// workbook of the template can be: no sheet has more rows than `rows`, and all its sheets side by side have
// TEMPLATE_COLUMNS columns, so a grid of more than `cells` cells (or a workbook of more shared strings) is not one.
import { TEMPLATE_COLUMNS } from './spec.ts';

const ROWS = 2000;

export const GRID_LIMITS = {
  sheets: 20,
  rows: ROWS,
  columns: 60,
  text: 32767,
  cells: ROWS * TEMPLATE_COLUMNS,
} as const;

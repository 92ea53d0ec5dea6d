// The body an add-in sends to submit: the grid it read (metadata sheet included) and where it came from.
import { z } from 'zod';

export const GRID_LIMITS = { sheets: 20, rows: 2000, columns: 60, text: 32767 } as const;

const Cell = z.union([z.string().max(GRID_LIMITS.text), z.number().finite(), z.boolean(), z.null()]);

export const GridPayload = z.object({
  grid: z.record(z.string().min(1).max(100), z.array(z.array(Cell).max(GRID_LIMITS.columns)).max(GRID_LIMITS.rows))
    .refine((g) => Object.keys(g).length <= GRID_LIMITS.sheets, { message: `at most ${GRID_LIMITS.sheets} sheets` }),
  source: z.enum(['excel-addin', 'sheets-addon']).default('excel-addin'),
}).strict();
export type GridPayload = z.infer<typeof GridPayload>;

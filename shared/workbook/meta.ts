// The very hidden metadata sheet: one key per row (A) with its value (B); row maps as JSON.
import * as z from 'zod';
import { MeasureKind } from '../domain/plan.ts';
import type { CellValue } from './grid.ts';
import type { WorkbookMeta } from './template-model.ts';
import { cellText } from './cell-values.ts';

const KEYS = [
  'templateVersion',
  'planKey',
  'planNumber',
  'planTitle',
  'periodId',
  'agencyId',
  'agencyName',
  'generatedAt',
  'taskRows',
  'measureRows',
  'lockedDigest',
  'planId',
] as const satisfies readonly (keyof WorkbookMeta)[];
const JSON_KEYS = new Set<string>(['taskRows', 'measureRows']);

const MetaSchema = z.object({
  templateVersion: z.number().int().min(0),
  planKey: z.string().min(1),
  planNumber: z.string(),
  planTitle: z.string(),
  periodId: z.string().min(1),
  agencyId: z.string().min(1),
  agencyName: z.string(),
  generatedAt: z.string(),
  taskRows: z.array(z.tuple([z.string(), z.enum(['lead', 'coordinating', 'focus']), z.string(), z.string()])),
  measureRows: z.array(z.tuple([z.string(), MeasureKind, z.string(), z.string()])),
  lockedDigest: z.string(),
  planId: z.string().min(1).optional(),
});

/** Rows of the metadata sheet, header first. */
export function metaToRows(meta: WorkbookMeta): CellValue[][] {
  return [
    ['key', 'value'],
    ...KEYS.filter((key) => meta[key] !== undefined).map((key): CellValue[] => {
      const value = meta[key];
      return [key, typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value)];
    }),
  ];
}

export type MetaRead =
  | { ok: true; meta: WorkbookMeta; rowOf: (key: keyof WorkbookMeta) => number }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'invalid'; key: string; row: number };

/** Reads the metadata rows; `rowOf` gives the 1-based row of a key, for issues that point at it. */
export function readMeta(rows: CellValue[][] | undefined): MetaRead {
  if (!rows || rows.length === 0) return { ok: false, reason: 'missing' };
  const raw: Record<string, unknown> = {};
  const rowByKey = new Map<string, number>();
  rows.forEach((row, i) => {
    const key = cellText(row[0] ?? null);
    if (!key || key === 'key') return;
    rowByKey.set(key, i + 1);
    const value = row[1] ?? null;
    if (JSON_KEYS.has(key)) {
      try {
        raw[key] = JSON.parse(cellText(value));
      } catch {
        raw[key] = undefined;
      }
    } else if (key === 'templateVersion') {
      raw[key] = typeof value === 'number' ? value : Number(cellText(value));
    } else {
      raw[key] = cellText(value);
    }
  });
  if (rowByKey.size === 0) return { ok: false, reason: 'missing' };
  const parsed = MetaSchema.safeParse(raw);
  if (!parsed.success) {
    const key = String(parsed.error.issues[0]!.path[0] ?? 'meta');
    return { ok: false, reason: 'invalid', key, row: rowByKey.get(key) ?? 1 };
  }
  return { ok: true, meta: parsed.data, rowOf: (key) => rowByKey.get(key) ?? 1 };
}

// The report payload's shape, counted on its JSON text before it is parsed (issue 20, item 3).
import { describe, expect, it } from 'vitest';
import { GRID_LIMITS } from '../../../shared/workbook/grid-payload.ts';
import { MAX_DEPTH, payloadShapeFault } from '../../../shared/workbook/payload-shape.ts';
import { DATA_SHEETS, GUIDE_SHEET, META_SHEET, TEMPLATE_COLUMNS } from '../../../shared/workbook/spec.ts';
import { filledGrid, seedModel } from '../../helpers/workbooks.ts';

const body = (grid: unknown) => JSON.stringify({ grid, source: 'excel-addin' });
const rows = (n: number, width: number, cell: unknown = 0) =>
  Array.from({ length: n }, () => Array.from({ length: width }, () => cell));

describe('payloadShapeFault', () => {
  it('passes a real report, its text and escapes included', () => {
    const grid = filledGrid(seedModel('phuong-1', '2026-Y'));
    grid['Nhiệm vụ']![5]![6] = 'Trích "dẫn" \\ và \n dòng mới, [ngoặc] {nhọn}: 1,2';
    expect(payloadShapeFault(body(grid))).toBeNull();
    expect(
      payloadShapeFault('{"grid":{"Nhi\\u1ec7m v\\u1ee5":[[1,true,null,"a"]]},"source":"excel-addin"}'),
    ).toBeNull();
  });

  it("bounds the grid by what the template's sheets can hold, derived from the spec", () => {
    expect(TEMPLATE_COLUMNS).toBe(
      GUIDE_SHEET.columnCount + DATA_SHEETS.reduce((n, s) => n + s.columns.length, 0) + META_SHEET.columnCount,
    );
    expect(GRID_LIMITS.cells).toBe(GRID_LIMITS.rows * TEMPLATE_COLUMNS);
    // Every sheet of a template full to the last row and column: exactly the bound.
    const full = Object.fromEntries(
      [GUIDE_SHEET.columnCount, ...DATA_SHEETS.map((s) => s.columns.length), META_SHEET.columnCount].map((width, i) => [
        `s${i}`,
        rows(GRID_LIMITS.rows, width),
      ]),
    );
    expect(payloadShapeFault(body(full))).toBeNull();
    full.s0![0]!.push(0);
    expect(payloadShapeFault(body(full))).toEqual({ field: 'grid', what: 'cells', limit: GRID_LIMITS.cells });
  });

  it('names where each count is passed: sheets, rows, cells of a row, depth', () => {
    const sheets = Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`s${i}`, []]));
    expect(payloadShapeFault(body(sheets))).toEqual({ field: 'grid', what: 'keys', limit: GRID_LIMITS.sheets });
    expect(payloadShapeFault(body({ 'Nhiệm vụ': rows(GRID_LIMITS.rows + 1, 1) }))).toEqual({
      field: 'grid.Nhiệm vụ',
      what: 'rows',
      limit: GRID_LIMITS.rows,
    });
    expect(payloadShapeFault(body({ 'Nhiệm vụ': [[], rows(1, GRID_LIMITS.columns + 1)[0]] }))).toEqual({
      field: 'grid.Nhiệm vụ.1',
      what: 'columns',
      limit: GRID_LIMITS.columns,
    });
    expect(payloadShapeFault(`{"grid":${'['.repeat(100_000)}`)).toMatchObject({ what: 'depth', limit: MAX_DEPTH });
    expect(payloadShapeFault(`{${Array.from({ length: 30 }, (_, i) => `"k${i}":1`).join(',')}}`)).toEqual({
      field: 'body',
      what: 'keys',
      limit: GRID_LIMITS.sheets,
    });
  });

  it('stops at the first count past its limit: a million cells cost a few milliseconds', () => {
    const million = `{"grid":{${Array.from({ length: 20 }, (_, s) => `"s${s}":[${Array.from({ length: 2000 }, () => `[${'0,'.repeat(24)}0]`).join(',')}]`).join(',')}}}`;
    const started = performance.now();
    expect(payloadShapeFault(million)).toMatchObject({ field: 'grid', what: 'cells' });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('is not fooled by brackets, quotes and commas inside strings', () => {
    const tricky = '"],[\\"],{\\\\"';
    expect(payloadShapeFault(body({ a: [[tricky, tricky]] }))).toBeNull();
    expect(payloadShapeFault(body({ [`${'"'.repeat(3)}[`]: rows(2, 2, '[[[') }))).toBeNull();
  });
});

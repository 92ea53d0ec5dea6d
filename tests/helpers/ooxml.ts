// The ECMA-376 check of a written .xlsx (tests/helpers/ooxml-check.py over the schemas copied to tests/fixtures/ooxml-xsd):
// every worksheet, the workbook and styles against sml.xsd, every chart against dml-chart.xsd, every drawing against
// dml-spreadsheetDrawing.xsd. The nearest thing here to Excel's repair prompt.
import { spawnSync } from 'node:child_process';
import { PYTHON } from './openpyxl.ts';

const TOOL = new URL('./ooxml-check.py', import.meta.url).pathname;
const SCHEMAS = new URL('../fixtures/ooxml-xsd', import.meta.url).pathname;

/** The failing parts, one line each ('' when every part is valid). */
export function ooxmlCheck(...paths: string[]): string {
  const r = spawnSync(PYTHON, [TOOL, SCHEMAS, ...paths], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`ooxml-check failed: ${r.stderr || r.error?.message}`);
  return r.stdout.trim();
}

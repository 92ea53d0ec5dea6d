// Calling openpyxl (Debian's python3-openpyxl, run with /usr/bin/python3) as the independent reader and filler.
import { spawnSync } from 'node:child_process';

const TOOL = new URL('./openpyxl_tool.py', import.meta.url).pathname;
export const PYTHON = '/usr/bin/python3';

function run(args: string[]): string {
  const r = spawnSync(PYTHON, [TOOL, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`openpyxl failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

export interface Inspection {
  sheets: string[];
  states: string[];
  active: string;
  detail: Record<
    string,
    {
      protected: boolean;
      freeze: string | null;
      printTitles: string | null;
      orientation: string;
      paper: number;
      validations: [string, string, string | null, string | null, string | null, string | null][];
      unlocked: string[];
    }
  >;
}

export const inspectXlsx = (path: string): Inspection => JSON.parse(run(['inspect', path]));

export type Fill = [sheet: string, cell: string, value: string | number | null, kind?: 'date'];
export const fillXlsx = (src: string, dst: string, cells: Fill[]) => {
  run(['fill', src, dst, JSON.stringify(cells)]);
};

export interface Dump {
  [sheet: string]: {
    rows: [string | number | null, string][][];
    freeze: string | null;
    autoFilter: string | null;
    orientation: string;
    conditional: string[];
    boldRows: number[];
    wrapped: string[];
  };
}
/** Every sheet's cell values with openpyxl's data type ('s' text, 'n' number, 'f' formula). */
export const dumpXlsx = (path: string): Dump => JSON.parse(run(['dump', path]));

export interface ChartRead {
  kind: string;
  barDir: string | null;
  grouping: string | null;
  title: string | null;
  series: {
    name: string | null;
    categories: string | null;
    values: string | null;
    cached: [number, number][] | null;
    labels: string[] | null;
  }[];
}
/** Each sheet's charts as openpyxl reads them back (openpyxl keeps the charts it can parse). */
export const chartsXlsx = (path: string): Record<string, ChartRead[]> => JSON.parse(run(['charts', path]));

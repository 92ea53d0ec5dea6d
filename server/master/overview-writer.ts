// The overview sheet ("Tổng quan") as the master's writer writes it: the rows laid out in shared/master/overview-sheet.ts
// with the writer's styles, the verdicts coloured, and its charts as DrawingML parts placed to the right of the tables.
import {
  OVERVIEW_SHEET,
  OVERVIEW_WIDTHS,
  type Overview,
  type OverviewRowKind,
} from '../../shared/master/overview-sheet.ts';
import { VERDICT_LABELS } from '../../shared/master/aggregate.ts';
import { chartXml, drawingXml, type Anchor } from './chart-parts.ts';
import { SheetStream } from './xlsx-stream.ts';
import { FILL, STYLE, type Style } from './xlsx-styles.ts';
import type { Drawing } from './xlsx-workbook.ts';

/** Columns the charts take, right of the tables (J…R), and their width. */
const CHART_COLUMNS = 7;
const CHART_WIDTH = 9.5;

const STYLES: Record<OverviewRowKind, Style | ((column: number) => Style)> = {
  title: STYLE.title,
  info: (c) => (c === 1 ? STYLE.boldWrapped : STYLE.top),
  blank: STYLE.top,
  section: STYLE.boldWrapped,
  header: STYLE.header,
  data: STYLE.top,
  total: STYLE.boldWrapped,
};

/** Rows each chart takes: the tables' height shared by the charts after their categories, never less than a readable minimum. */
function chartRows(overview: Overview): number[] {
  const total = Math.max(overview.rows.length, overview.charts.length * 14);
  const weights = overview.charts.map((c) => c.categories.length + 8);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.max(12, Math.floor((total * w) / sum)));
}

export function overviewParts(overview: Overview): { sheet: SheetStream; drawing: Drawing | undefined } {
  const widths = [
    ...OVERVIEW_WIDTHS,
    ...Array<number>(overview.charts.length > 0 ? CHART_COLUMNS : 0).fill(CHART_WIDTH),
  ];
  const sheet = new SheetStream(OVERVIEW_SHEET, {
    widths,
    headerRow: 1,
    columns: OVERVIEW_WIDTHS.length,
    summary: true,
    drawing: overview.charts.length > 0,
  });
  // Every text is cut to one line when laid out: only the headers are taller.
  for (const row of overview.rows) sheet.add(row.values, STYLES[row.kind], row.kind === 'header' ? 30 : undefined);
  if (overview.verdicts)
    sheet.highlightRange(overview.verdicts.column, overview.verdicts.from, overview.verdicts.to, [
      [VERDICT_LABELS['not-met'], FILL.red],
      [VERDICT_LABELS.met, FILL.green],
    ]);
  if (overview.charts.length === 0) return { sheet, drawing: undefined };
  let top = 0;
  const heights = chartRows(overview);
  const placed = overview.charts.map((chart, i) => {
    const anchor: Anchor = {
      fromCol: OVERVIEW_WIDTHS.length,
      fromRow: top,
      toCol: OVERVIEW_WIDTHS.length + CHART_COLUMNS,
      toRow: top + heights[i]!,
    };
    top = anchor.toRow;
    return { name: chart.name, anchor };
  });
  return { sheet, drawing: { drawing: drawingXml(placed), charts: overview.charts.map(chartXml) } };
}

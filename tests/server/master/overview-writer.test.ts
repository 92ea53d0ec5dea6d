// The overview's texts through the master's writer: a plan's task titles, measure labels and agency names that look like
// formulas, hold markup or a literal Excel escape are written as text, in the cells and in the charts' cached labels.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Measure, Plan } from '../../../shared/domain/plan.ts';
import { periodFromId } from '../../../shared/domain/period.ts';
import type { MeasureAggregate } from '../../../shared/master/aggregate.ts';
import { ReportingTally } from '../../../shared/master/overview.ts';
import { overviewSheet } from '../../../shared/master/overview-sheet.ts';
import { overviewParts } from '../../../server/master/overview-writer.ts';
import { writeWorkbook } from '../../../server/master/xlsx-workbook.ts';
import { chartsXlsx, dumpXlsx } from '../../helpers/openpyxl.ts';
import { ooxmlCheck } from '../../helpers/ooxml.ts';
import { SEED_PLAN } from '../../helpers/workbooks.ts';

const TITLE = '=HYPERLINK("http://evil.example","bấm") <b>&</b> _x0041_';
const LABEL = "+cmd|' /C calc'!A0 _x0041_";
const AGENCY = '@SUM(1+1) & <Phường>';

describe('the overview written', () => {
  it('keeps formula-like, markup and escape-like texts as text in its cells and its charts, and stays valid', async () => {
    const plan: Plan = { ...SEED_PLAN, tasks: SEED_PLAN.tasks.map((t, i) => (i === 0 ? { ...t, title: TITLE } : t)) };
    const period = periodFromId('2026-Y', plan.reporting);
    if (!period.ok) throw new Error(period.reason);
    const reporting = new ReportingTally();
    reporting.add({ name: AGENCY, groups: ['wards-communes'] }, null);
    const measure = { id: 'MT9', label: LABEL, kind: 'ratio', comparator: '>=', value: 25 } as Measure;
    const aggregates: MeasureAggregate[] = [
      { measure, units: 1, numerator: 1, denominator: 10, yes: 0, no: 0, citywide: 10, verdict: 'not-met' },
    ];
    const states = { [plan.tasks[0]!.id]: { done: 0, 'in-progress': 0, 'not-started': 1, 'not-reported': 0 } };
    const overview = overviewParts(
      overviewSheet({
        plan,
        period: period.period,
        generatedAt: new Date('2026-12-20T00:00:00Z'),
        reporting: reporting.result(),
        aggregates,
        states,
        previous: null,
      }),
    );
    const path = join(mkdtempSync(join(tmpdir(), 'overview-writer-')), 'overview.xlsx');
    await writeWorkbook([overview.sheet], { filename: path }, new Date('2026-12-20T00:00:00Z'), overview.drawing);

    expect(ooxmlCheck(path)).toBe('');
    const cells = dumpXlsx(path)['Tổng quan']!.rows.flat();
    expect(cells.filter(([, type]) => type === 'f')).toEqual([]);
    const task = `${plan.tasks[0]!.id}. ${TITLE}`.slice(0, 41);
    expect(cells.find(([v]) => typeof v === 'string' && v.startsWith(task))).toMatchObject([expect.any(String), 's']);
    // openpyxl leaves Excel's escapes as written: the literal "_x0041_" shows escaped ("_x005F_x0041_"), as Excel reads it.
    const label = cells.find(([v]) => typeof v === 'string' && v.startsWith('MT9. '))!;
    expect(label).toEqual([`MT9. ${LABEL.replace('_x0041_', '_x005F_x0041_')}`, 's']);
    expect(cells).toContainEqual([`1 cơ quan, đơn vị: ${AGENCY}`, 's']);
    // The charts' cached labels read as the cells do.
    const charts = chartsXlsx(path)['Tổng quan']!;
    expect(charts[1]!.series[0]!.labels).toEqual([label[0]]);
    expect(charts[2]!.series[0]!.labels![0]).toBe(cells.find(([v]) => typeof v === 'string' && v.startsWith(task))![0]);
  });
});

// Every writer asserts what it writes: text XML 1.0 cannot hold, or a cell over Excel's 32,767 characters, is a fault of
// ours (the gate keeps such text out) and stops the writer with a clear internal error instead of a damaged file or
// a silently changed text. A literal `_xHHHH_` is written escaped, as Excel writes it.
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { periodFromId } from '../../../shared/domain/period.ts';
import type { Plan } from '../../../shared/domain/plan.ts';
import { UnwritableText } from '../../../shared/text/clean-text.ts';
import { draftConsolidatedReport } from '../../../shared/report/consolidated.ts';
import { buildTemplateModel } from '../../../shared/workbook/template-model.ts';
import { generateWorkbook } from '../../../server/workbook/generate-workbook.ts';
import { PieceWriter } from '../../../server/master/xlsx-pieces.ts';
import { STYLE } from '../../../server/master/xlsx-styles.ts';
import { consolidatedDocx } from '../../../server/report/write-docx.ts';
import { DIRECTORY, SEED_PLAN } from '../../helpers/workbooks.ts';

const period = periodFromId('2026-Y', SEED_PLAN.reporting);
if (!period.ok) throw new Error(period.reason);
/** The seed plan with NV8's title set as given (the gate is not asked: this is what a writer would be handed). */
const planWith = (title: string): Plan => {
  const plan = structuredClone(SEED_PLAN);
  plan.tasks.find((t) => t.id === 'NV8')!.title = title;
  return plan;
};
const template = (title: string) =>
  generateWorkbook(
    buildTemplateModel(planWith(title), DIRECTORY.byId('phong-tu-phap')!, period.period, '2026-11-25T03:00:00.000Z'),
  );

describe('the template writer', () => {
  it('refuses text XML cannot hold, DEL (ExcelJS would drop it) and CR (it would read back as LF), naming the cell', async () => {
    await expect(template('x\uFFFF')).rejects.toThrow(
      new UnwritableText('template writer: asked to write U+FFFF at 2, which XML 1.0 cannot hold in Nhiệm vụ!B5'),
    );
    await expect(template('Rà soát\u007F')).rejects.toThrow(
      'template writer: asked to write U+007F at 8, which would not read back as written in Nhiệm vụ!B5',
    );
    await expect(template('a\rb')).rejects.toThrow(UnwritableText);
  });

  it('never writes a cell over 32,767 characters', async () => {
    await expect(template('x'.repeat(40_000))).rejects.toThrow(
      'template writer: asked to write 40,000 characters (at most 32,767) in Nhiệm vụ!B5',
    );
    await expect(template('x'.repeat(32_767))).resolves.toBeInstanceOf(Buffer);
  });
});

describe('the master writer', () => {
  const row = async (values: (string | number | null)[]) => {
    const w = new PieceWriter();
    w.add(values, STYLE.top);
    const piece = await w.finish();
    return inflateRawSync(Buffer.concat([...piece.data, Buffer.from([3, 0])])).toString('utf8');
  };

  it('refuses text XML cannot hold and a cell over 32,767 characters, naming the column', async () => {
    await expect(row(['NV1', 'ok\uFFFE'])).rejects.toThrow(
      'master writer: asked to write U+FFFE at 3, which XML 1.0 cannot hold in column B ("ok\uFFFE")',
    );
    await expect(row(['NV1', null, 'x'.repeat(32_768)])).rejects.toThrow(
      'master writer: asked to write 32,768 characters (at most 32,767) in column C',
    );
  });

  it('escapes a literal _xHHHH_ as Excel does', async () => {
    expect(await row(['Gõ _x000D_ nguyên văn'])).toContain('<t xml:space="preserve">Gõ _x005F_x000D_ nguyên văn</t>');
  });
});

describe('the report (.docx) writer', () => {
  it('refuses text XML cannot hold, naming where it is in the report', async () => {
    const report = draftConsolidatedReport({
      plan: planWith('x\u0001'),
      period: period.period,
      units: [],
      reports: new Map(),
    });
    await expect(consolidatedDocx(report)).rejects.toThrow(
      /^report writer: asked to write U\+0001 at \d+, which XML 1.0 cannot hold in report\.body\[\d+\]\.lead$/,
    );
  });
});

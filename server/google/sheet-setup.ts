// What converting an .xlsx to a Google Sheet drops, put back with one batchUpdate: each input block's validation
// rule (from shared/workbook/input-cells.ts), every sheet protected but its input cells, and the metadata sheet
// hidden. The agency edits its input cells; only the service account edits the rest.
import type { sheets_v4 } from '@googleapis/sheets';
import { inputBlocks, type InputRule } from '../../shared/workbook/input-cells.ts';
import { DATA_SHEETS, GUIDE_SHEET, META_SHEET, columnLetter } from '../../shared/workbook/spec.ts';
import type { TemplateModel } from '../../shared/workbook/template-model.ts';

type Request = sheets_v4.Schema$Request;

function condition(rule: InputRule, topLeft: string): sheets_v4.Schema$BooleanCondition {
  switch (rule.kind) {
    case 'list':
      return { type: 'ONE_OF_LIST', values: rule.items.map((v) => ({ userEnteredValue: v })) };
    // Sheets has no whole-number rule: a formula relative to the block's top-left cell, as Sheets reads it.
    case 'whole':
      return {
        type: 'CUSTOM_FORMULA',
        values: [
          {
            userEnteredValue: `=AND(ISNUMBER(${topLeft}),${topLeft}=INT(${topLeft}),${topLeft}>=${rule.min}${rule.max === null ? '' : `,${topLeft}<=${rule.max}`})`,
          },
        ],
      };
    case 'text-length':
      return { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: `=LEN(${topLeft})<=${rule.max}` }] };
  }
}

export class SheetMissing extends Error {}

/** The requests for an agency's converted workbook; `sheetIds` maps its sheet titles to ids, `owner` is the service account. */
export function setupRequests(model: TemplateModel, sheetIds: Map<string, number>, owner: string): Request[] {
  const id = (name: string) => {
    const sheetId = sheetIds.get(name);
    if (sheetId === undefined) throw new SheetMissing(`the converted spreadsheet has no sheet "${name}"`);
    return sheetId;
  };
  const requests: Request[] = [];
  const blocks = inputBlocks(model);
  for (const b of blocks) {
    if (!b.rule) continue;
    requests.push({
      setDataValidation: {
        range: {
          sheetId: id(b.sheet.name),
          startRowIndex: b.rows[0] - 1,
          endRowIndex: b.rows[1],
          startColumnIndex: b.column,
          endColumnIndex: b.column + 1,
        },
        rule: {
          condition: condition(b.rule, `${columnLetter(b.column)}${b.rows[0]}`),
          strict: true,
          showCustomUi: b.rule.kind === 'list',
          inputMessage: `${b.rule.prompt.vi} (${b.rule.prompt.en})`,
        },
      },
    });
  }
  const editors = { users: [owner], domainUsersCanEdit: false };
  for (const sheet of DATA_SHEETS) {
    const unprotectedRanges = blocks
      .filter((b) => b.sheet === sheet)
      .map((b) => ({
        sheetId: id(sheet.name),
        startRowIndex: b.rows[0] - 1,
        endRowIndex: b.rows[1],
        startColumnIndex: b.column,
        endColumnIndex: b.column + 1,
      }));
    requests.push({
      addProtectedRange: {
        protectedRange: {
          range: { sheetId: id(sheet.name) },
          unprotectedRanges,
          warningOnly: false,
          editors,
          description: `${sheet.name}: chỉ nhập ở các ô trắng / input cells only`,
        },
      },
    });
  }
  for (const name of [GUIDE_SHEET.name, META_SHEET.name]) {
    requests.push({
      addProtectedRange: {
        protectedRange: {
          range: { sheetId: id(name) },
          warningOnly: false,
          editors,
          description: `${name}: không sửa / read only`,
        },
      },
    });
  }
  requests.push({
    updateSheetProperties: { properties: { sheetId: id(META_SHEET.name), hidden: true }, fields: 'hidden' },
  });
  return requests;
}

// Filling a generated workbook as Excel saves one: each input cell's text written into the sheet's XML as given —
// with Excel's `_xHHHH_` escapes where Excel writes them — and the rest of the file byte for byte as generated.
// (openpyxl and ExcelJS decode the template's `_x005F_` on load and write the literal back unescaped, which Excel never does.)
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { TASKS_SHEET } from '../../shared/workbook/spec.ts';

/** `cells` maps a cell of the tasks sheet ("G5") to its text as ST_Xstring; every such cell must be an empty one of the template. */
export function fillTasksAsExcelWrites(template: Uint8Array, cells: Record<string, string>): Uint8Array {
  const files = unzipSync(template);
  const name = 'xl/worksheets/sheet2.xml'; // the tasks sheet, the generator's second
  let xml = strFromU8(files[name]!);
  if (!xml.includes('<sheetData>') || TASKS_SHEET.headerRow !== 4)
    throw new Error(`${name} is not the tasks sheet it was`);
  for (const [ref, text] of Object.entries(cells)) {
    const next = xml.replace(
      new RegExp(`<c r="${ref}"( s="\\d+")?/>`),
      (_, style: string | undefined) =>
        `<c r="${ref}"${style ?? ''} t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`,
    );
    if (next === xml) throw new Error(`no empty cell ${ref} in ${name}`);
    xml = next;
  }
  return zipSync({ ...files, [name]: strToU8(xml) });
}

/** Every task row of the template given a status and a result, the first row's result `first` (as ST_Xstring). */
export function filledAsExcelWrites(template: Uint8Array, taskRows: number[], first: string): Uint8Array {
  return fillTasksAsExcelWrites(
    template,
    Object.fromEntries(
      taskRows.flatMap((r, i) => [
        [`E${r}`, 'Đang thực hiện'],
        [`G${r}`, i === 0 ? first : 'Đã làm'],
      ]),
    ),
  );
}

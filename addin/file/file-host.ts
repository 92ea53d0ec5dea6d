// The file host: the sidebar over an .xlsx the user picked, read in the browser by the shared reader. It cannot
// colour or select cells: the issues name them, and the user fixes them in LibreOffice, WPS or Excel.
import type { Grid } from '../../shared/workbook/grid.ts';
import { describeXlsxError, readXlsx, type WorkbookLimits } from '../../shared/xlsx/xlsx-reader.ts';
import { HostUnsupported, type WorkbookHost } from '../sidebar/host.ts';
import { BROWSER_CODEC } from './browser-codec.ts';

export const FILE_LIMITS: WorkbookLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxEntries: 1000,
  maxUncompressed: 50 * 1024 * 1024,
  maxCells: 1_000_000,
};

export class FileHost implements WorkbookHost {
  readonly name = 'tệp .xlsx';
  constructor(private readonly file: () => { name: string; bytes: Uint8Array } | null) {}

  async readGrid(): Promise<Grid> {
    const file = this.file();
    if (!file)
      throw new HostUnsupported(
        'Chọn hoặc kéo thả tệp báo cáo .xlsx đã điền vào ô bên trên. / Pick or drop your filled .xlsx report above.',
      );
    const read = readXlsx(file.bytes, FILE_LIMITS, BROWSER_CODEC);
    if (!read.ok) throw new Error(describeXlsxError(read.error));
    return read.grid;
  }

  async showIssues(): Promise<void> {
    /* a file has no cells to colour: the list names them */
  }
  async select(): Promise<void> {
    /* nothing to select in a file */
  }
}

// The shared workbook reader with Node's codec and the service's limits.
import { DEFAULT_CONFIG, WORKBOOK_UNPACK_LIMITS } from '../config.ts';
import { GRID_LIMITS } from '../../shared/workbook/grid-payload.ts';
import { readXlsx as readWith, type WorkbookLimits, type XlsxRead } from '../../shared/xlsx/xlsx-reader.ts';
import { NODE_CODEC } from './node-codec.ts';

export {
  describeXlsxError,
  xlsxErrorWording,
  type SheetInfo,
  type WorkbookLimits,
  type XlsxError,
  type XlsxRead,
} from '../../shared/xlsx/xlsx-reader.ts';

/** An agency's workbook: the service's unpacking bounds, and no more shared strings than a template has cells. */
export const WORKBOOK_LIMITS: WorkbookLimits = {
  maxBytes: DEFAULT_CONFIG.workbookLimitBytes,
  ...WORKBOOK_UNPACK_LIMITS,
  maxStrings: GRID_LIMITS.cells,
};

/** Reads every sheet of an .xlsx (hidden ones too) into a grid: formulas by their cached value, dates as text. */
export function readXlsx(bytes: Uint8Array, limits: WorkbookLimits = WORKBOOK_LIMITS): XlsxRead {
  return readWith(bytes, limits, NODE_CODEC);
}

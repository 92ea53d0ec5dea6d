// One shape for every finding, of the plan parser and of the workbook reader: a code first, its severity, where
// it is, and the values its wording needs. Words are not stored: each surface (the pane, the HTTP answer, the
// command line) words a finding from the one table of its kind (plan-messages.ts, issue.ts).

export type Severity = 'error' | 'warning';
export type FindingParams = Record<string, string | number>;

/** A cell of a workbook: sheet, A1 address, and the spec's field when the cell is one. */
export interface CellPlace {
  sheet: string;
  cell: string;
  field?: string;
}
/** A place in a plan document: its line (null in a table), how a person finds it, and the item it is about. */
export interface DocumentPlace {
  line: number | null;
  where: string;
  subject?: string;
}

export interface Finding<Code extends string, Place extends CellPlace | DocumentPlace> {
  code: Code;
  severity: Severity;
  at: Place;
  params: FindingParams;
}

export interface Wording {
  vi: string;
  en: string;
}

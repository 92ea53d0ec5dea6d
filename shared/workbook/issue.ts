// Findings of the workbook reader (the shared Finding shape, at a cell) and the one table of their words.
import type { CellPlace, Finding, FindingParams, Severity, Wording } from '../domain/finding.ts';

export type WorkbookIssueCode =
  | 'metadata-missing'
  | 'metadata-invalid'
  | 'template-version-unsupported'
  | 'template-version-newer'
  | 'template-migrated'
  | 'agency-mismatch'
  | 'period-mismatch'
  | 'plan-mismatch'
  | 'template-outdated'
  | 'sheet-missing'
  | 'sheet-renamed'
  | 'column-missing'
  | 'column-moved'
  | 'row-unknown'
  | 'row-missing'
  | 'row-duplicate'
  | 'locked-content-changed'
  | 'status-required'
  | 'status-invalid'
  | 'progress-invalid'
  | 'progress-out-of-range'
  | 'done-needs-100'
  | 'results-required'
  | 'count-invalid'
  | 'numerator-exceeds-denominator'
  | 'denominator-required'
  | 'yes-no-invalid'
  | 'text-too-long'
  /** Not a rule: a comment of the city's review pinned to this cell (shown and highlighted, never blocking). */
  | 'review-comment';

export type { Severity };

/** A finding at a cell ("F7"; the sheet's first cell when it is about the whole sheet); `params.value` is what the cell held. */
export type WorkbookIssue = Finding<WorkbookIssueCode, CellPlace>;

export type Read<T> = { ok: true; value: T; warnings: WorkbookIssue[] } | { ok: false; issues: WorkbookIssue[] };

type Params = FindingParams;
const q = (v: unknown) => (v === undefined || v === null ? '' : `"${String(v)}"`);

const WORDING: Record<WorkbookIssueCode, (i: CellPlace, p: Params) => Wording> = {
  'metadata-missing': () => ({
    vi: 'Không tìm thấy trang dữ liệu ẩn của mẫu báo cáo; hãy tải lại mẫu.',
    en: "The template's hidden metadata sheet is missing; download the template again.",
  }),
  'metadata-invalid': (_, p) => ({
    vi: `Dữ liệu ẩn của mẫu bị hỏng (${p.key}).`,
    en: `The template's hidden metadata is damaged (${p.key}).`,
  }),
  'template-version-unsupported': (_, p) => ({
    vi: `Mẫu phiên bản ${p.version} không còn được hỗ trợ (hiện tại: ${p.current}); hãy tải mẫu mới và chép số liệu sang.`,
    en: `Template version ${p.version} is no longer supported (current: ${p.current}); download a new template and copy the figures over.`,
  }),
  'template-version-newer': (_, p) => ({
    vi: `Mẫu phiên bản ${p.version} mới hơn phiên bản máy chủ đọc được (${p.current}).`,
    en: `Template version ${p.version} is newer than this reader (${p.current}).`,
  }),
  'template-migrated': (_, p) => ({
    vi: `Đã chuyển mẫu phiên bản ${p.from} sang ${p.to}.`,
    en: `Read a version ${p.from} template as version ${p.to}.`,
  }),
  'agency-mismatch': (_, p) => ({
    vi: `Tệp này là báo cáo của ${p.actual}, không phải ${p.expected}.`,
    en: `This workbook belongs to ${p.actual}, not ${p.expected}.`,
  }),
  'period-mismatch': (_, p) => ({
    vi: `Tệp này là báo cáo kỳ ${p.actual}, không phải kỳ ${p.expected}.`,
    en: `This workbook is for period ${p.actual}, not ${p.expected}.`,
  }),
  'plan-mismatch': (_, p) =>
    p.actual
      ? {
          vi: `Tệp này là báo cáo của ${p.actual}, không phải của kế hoạch này.`,
          en: `This workbook belongs to ${p.actual}, not to this plan.`,
        }
      : { vi: 'Tệp này được tạo từ một kế hoạch khác.', en: 'This workbook was generated from another plan.' },
  'template-outdated': () => ({
    vi: 'Danh sách nhiệm vụ, chỉ tiêu trong tệp không khớp với phân công hiện tại; hãy tải mẫu mới và chép số liệu sang.',
    en: 'The tasks and measures in this workbook no longer match the current assignment; download a new template and copy the figures over.',
  }),
  'sheet-missing': (i) => ({ vi: `Thiếu trang "${i.sheet}".`, en: `The sheet "${i.sheet}" is missing.` }),
  'sheet-renamed': (i, p) => ({
    vi: `Trang "${i.sheet}" đã bị đổi tên thành "${p.actual}".`,
    en: `The sheet "${i.sheet}" was renamed to "${p.actual}".`,
  }),
  'column-missing': (i, p) => ({
    vi: `Trang "${i.sheet}" thiếu cột "${p.header}".`,
    en: `The sheet "${i.sheet}" has no column "${p.header}".`,
  }),
  'column-moved': (i, p) => ({
    vi: `Cột "${p.header}" đã bị dời từ cột ${p.expected} sang cột ${p.actual}.`,
    en: `The column "${p.header}" moved from ${p.expected} to ${p.actual}.`,
  }),
  'row-unknown': (i, p) => ({
    vi: `Dòng có mã ${q(p.value)} không thuộc mẫu báo cáo này.`,
    en: `The row with code ${q(p.value)} is not part of this template.`,
  }),
  'row-missing': (_, p) => ({ vi: `Thiếu dòng ${p.code}.`, en: `The row ${p.code} is missing.` }),
  'row-duplicate': (i, p) => ({
    vi: `Mã ${q(p.value)} xuất hiện hai lần.`,
    en: `The code ${q(p.value)} appears twice.`,
  }),
  'locked-content-changed': (i) => ({
    vi: `Nội dung cố định ở ô ${i.cell} đã bị sửa; hãy khôi phục như mẫu.`,
    en: `The locked content of ${i.cell} was edited; restore it as in the template.`,
  }),
  'status-required': (i) => ({ vi: `Chưa chọn tình trạng ở ô ${i.cell}.`, en: `No status chosen in ${i.cell}.` }),
  'status-invalid': (i, p) => ({
    vi: `Tình trạng ${q(p.value)} ở ô ${i.cell} không có trong danh sách.`,
    en: `The status ${q(p.value)} in ${i.cell} is not in the list.`,
  }),
  'progress-invalid': (i, p) => ({
    vi: `Tiến độ ở ô ${i.cell} phải là số nguyên từ 0 đến 100 (đang là ${q(p.value)}).`,
    en: `Progress in ${i.cell} must be a whole number from 0 to 100 (found ${q(p.value)}).`,
  }),
  'progress-out-of-range': (i, p) => ({
    vi: `Tiến độ ở ô ${i.cell} phải từ 0 đến 100 (đang là ${q(p.value)}).`,
    en: `Progress in ${i.cell} must be from 0 to 100 (found ${q(p.value)}).`,
  }),
  'done-needs-100': (i) => ({
    vi: `Nhiệm vụ "Đã hoàn thành" thì tiến độ ở ô ${i.cell} phải là 100.`,
    en: `A task marked "Đã hoàn thành" needs 100 in ${i.cell}.`,
  }),
  'results-required': (i) => ({
    vi: `Cần ghi kết quả thực hiện ở ô ${i.cell}.`,
    en: `Results are required in ${i.cell}.`,
  }),
  'count-invalid': (i, p) => ({
    vi: `Ô ${i.cell} phải là số nguyên không âm (đang là ${q(p.value)}).`,
    en: `${i.cell} must be a whole number, 0 or more (found ${q(p.value)}).`,
  }),
  'numerator-exceeds-denominator': (i) => ({
    vi: `Số lượng đạt ở ô ${i.cell} lớn hơn tổng số.`,
    en: `The numerator in ${i.cell} is larger than the denominator.`,
  }),
  'denominator-required': (i) => ({
    vi: `Cần ghi tổng số ở ô ${i.cell}.`,
    en: `A denominator is required in ${i.cell}.`,
  }),
  'yes-no-invalid': (i, p) => ({
    vi: `Ô ${i.cell} chỉ nhận "Có" hoặc "Không" (đang là ${q(p.value)}).`,
    en: `${i.cell} takes "Có" or "Không" only (found ${q(p.value)}).`,
  }),
  'review-comment': (i, p) => ({
    vi: `Phòng Nội vụ nhận xét ở ô ${i.cell}: ${p.text}`,
    en: `Phòng Nội vụ's comment on ${i.cell}: ${p.text}`,
  }),
  'text-too-long': (i, p) => ({
    vi: `Nội dung ở ô ${i.cell} dài ${p.length} ký tự, tối đa ${p.max}.`,
    en: `The text in ${i.cell} has ${p.length} characters; the limit is ${p.max}.`,
  }),
};

/** Vietnamese and English wording of a finding; the surface that shows it picks one or both. */
/** Whether a code read from elsewhere (an HTTP answer) is a finding of the workbook reader. */
export const isWorkbookIssueCode = (code: unknown): code is WorkbookIssueCode =>
  typeof code === 'string' && Object.hasOwn(WORDING, code);

export function issueWording(issue: WorkbookIssue): Wording {
  return WORDING[issue.code](issue.at, issue.params);
}

/**
 * What a finding says of the workbook as a whole, written once: that it is another's (agency, period or plan), that it
 * was made for an older assignment, or that whose it is cannot be read. Every other finding is about its content.
 */
const ABOUT_WORKBOOK: Partial<Record<WorkbookIssueCode, 'another' | 'outdated' | 'unreadable'>> = {
  'agency-mismatch': 'another',
  'period-mismatch': 'another',
  'plan-mismatch': 'another',
  'template-outdated': 'outdated',
  'metadata-missing': 'unreadable',
  'metadata-invalid': 'unreadable',
  'template-version-unsupported': 'unreadable',
  'template-version-newer': 'unreadable',
};

/** A workbook for someone or something else, or for an older assignment: refused as a mismatch, not judged cell by cell. */
export const isMismatch = (code: WorkbookIssueCode) =>
  ABOUT_WORKBOOK[code] === 'another' || ABOUT_WORKBOOK[code] === 'outdated';
/** The workbook's identity is wrong or unreadable: a sheet with such a finding cannot be linked to an agency. */
export const isIdentityFinding = (code: WorkbookIssueCode) =>
  ABOUT_WORKBOOK[code] === 'another' || ABOUT_WORKBOOK[code] === 'unreadable';

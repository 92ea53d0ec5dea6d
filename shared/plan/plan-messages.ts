// Wording of every plan-parser finding, Vietnamese first and English second, in one place.
import type { PlanIssue, PlanIssueCode } from '../domain/plan-issue.ts';
import type { Wording as Words } from '../domain/finding.ts';

type Params = Record<string, string | number>;
type Wording = (p: Params) => { vi: string; en: string };

const WORDING: Record<PlanIssueCode, Wording> = {
  'empty-document': () => ({ vi: 'Tài liệu trống, không có nội dung.', en: 'The document is empty.' }),
  'no-tasks': () => ({
    vi: 'Không tìm thấy nhiệm vụ nào có cơ quan chủ trì (mục "Nhiệm vụ cụ thể" hoặc bảng phụ lục nhiệm vụ).',
    en: 'No task with a lead agency was found (no "Nhiệm vụ cụ thể" section and no task table).',
  }),
  'no-title': () => ({
    vi: 'Không tìm thấy tiêu đề kế hoạch sau dòng "KẾ HOẠCH".',
    en: 'No plan title after the line "KẾ HOẠCH".',
  }),
  'no-targets': () => ({
    vi: 'Không tìm thấy mục tiêu cụ thể nào có chỉ tiêu %.',
    en: 'No specific target with a percentage was found.',
  }),
  'no-reporting-rule': () => ({
    vi: 'Không tìm thấy chế độ báo cáo (ví dụ "Định kỳ 06 tháng (trước ngày 15/6)"); cần đặt hạn nộp khi mở kỳ báo cáo.',
    en: 'No reporting rule found (e.g. "Định kỳ 06 tháng (trước ngày 15/6)"); set due dates when opening a period.',
  }),
  'task-without-lead': (p) => ({
    vi: `Nhiệm vụ ${p.task} không có cơ quan chủ trì hoặc cơ quan thực hiện.`,
    en: `Task ${p.task} names no lead agency.`,
  }),
  'timeframe-unrecognised': (p) => ({
    vi: `Không đọc được thời gian thực hiện "${p.text}" của ${p.task}.`,
    en: `Cannot read the timeframe "${p.text}" of ${p.task}.`,
  }),
  'timeframe-missing': (p) => ({ vi: `${p.task} không ghi thời gian thực hiện.`, en: `${p.task} has no timeframe.` }),
  'agency-unknown': (p) => ({
    vi: `Không có cơ quan "${p.name}" (${p.task}) trong danh bạ ${p.directory}.`,
    en: `No agency "${p.name}" (${p.task}) in the directory ${p.directory}.`,
  }),
  'directory-date-mismatch': (p) => ({
    vi: `Kế hoạch ngày ${p.date} nằm ngoài thời gian hiệu lực của danh bạ ${p.directory} (${p.validity}).`,
    en: `The plan's date ${p.date} lies outside the validity of the directory ${p.directory} (${p.validity}).`,
  }),
  'measure-unrecognised': (p) => ({
    vi: `Mục tiêu ${p.target} không có chỉ tiêu % đọc được.`,
    en: `Target ${p.target} has no readable percentage threshold.`,
  }),
  'table-without-task-column': (p) => ({
    vi: `Bảng ${p.table} có cột cơ quan chủ trì nhưng không có cột nội dung nhiệm vụ.`,
    en: `Table ${p.table} has a lead-agency column but no task column.`,
  }),
  'line-not-understood': (p) => ({
    vi: `Không hiểu dòng này của mục ${p.section}, nên không đưa vào nhiệm vụ hay chỉ tiêu nào: "${p.text}".`,
    en: `This line of the ${p.section} section was not understood and is in no task or target: "${p.text}".`,
  }),
  'label-unknown': (p) => ({
    vi: `Không biết nhãn "${p.label}" (${p.task}); nội dung được giữ trong phần mô tả nhiệm vụ.`,
    en: `Unknown label "${p.label}" (${p.task}); its text is kept in the task's detail.`,
  }),
  'group-empty': (p) => ({
    vi: `Nhóm "${p.name}" (${p.task}) chưa có thành viên trong danh bạ ${p.directory}, nên chưa giao cho ai.`,
    en: `The group "${p.name}" (${p.task}) has no members in the directory ${p.directory}, so nobody is assigned.`,
  }),
  'section-without-tasks': (p) => ({
    vi: `Mục "${p.heading}" không cho ra nhiệm vụ nào có cơ quan chủ trì.`,
    en: `The section "${p.heading}" yields no task with a lead agency.`,
  }),
  'coverage-low': (p) => ({
    vi: `Chỉ ${p.percent}% số dòng của các mục nhiệm vụ và mục tiêu được đọc thành nhiệm vụ, chỉ tiêu hoặc cảnh báo (cần từ ${p.floor}%); ${p.count} dòng chưa được đọc: dòng ${p.lines}.`,
    en: `Only ${p.percent}% of the lines of the task and target sections became a task, a target or a warning (at least ${p.floor}% needed); ${p.count} lines went unread: lines ${p.lines}.`,
  }),
  'section-without-targets': (p) => ({
    vi: `Mục "${p.heading}" không cho ra chỉ tiêu nào đọc được.`,
    en: `The section "${p.heading}" yields no readable target.`,
  }),
  'too-many-tasks': (p) => ({
    vi: `Kế hoạch có ${p.count} nhiệm vụ, vượt quá giới hạn ${p.limit} (từ ${p.task} trở đi).`,
    en: `The plan has ${p.count} tasks, more than the limit of ${p.limit} (from ${p.task} on).`,
  }),
  'too-many-targets': (p) => ({
    vi: `Kế hoạch có ${p.count} mục tiêu, vượt quá giới hạn ${p.limit} (từ ${p.target} trở đi).`,
    en: `The plan has ${p.count} targets, more than the limit of ${p.limit} (from ${p.target} on).`,
  }),
  'title-too-long': (p) => ({
    vi: `Nội dung "${p.field}" dài ${p.chars} ký tự, vượt quá giới hạn ${p.limit} ký tự.`,
    en: `The text "${p.field}" is ${p.chars} characters long, more than the limit of ${p.limit}.`,
  }),
  'title-long': (p) => ({
    vi: `Nội dung "${p.field}" dài ${p.chars} ký tự (trên ${p.limit}); nên rút gọn để dễ đọc trong biểu mẫu.`,
    en: `The text "${p.field}" is ${p.chars} characters long (over ${p.limit}); shorten it to read well in the workbook.`,
  }),
};

/** Whether a code read from elsewhere (an HTTP answer) is a finding of the plan parser. */
export const isPlanIssueCode = (code: unknown): code is PlanIssueCode =>
  typeof code === 'string' && Object.hasOwn(WORDING, code);

/** Both wordings of a plan finding. */
export function planIssueWording(code: PlanIssueCode, params: Params = {}): { vi: string; en: string } {
  return WORDING[code](params);
}

/** The message stored on an issue: Vietnamese, then English. */
export function planIssueMessage(code: PlanIssueCode, params: Params = {}): string {
  const { vi, en } = planIssueWording(code, params);
  return `${vi} / ${en}`;
}

/** Both wordings of a finding as the parser stored it; the surface that shows it picks one or both. */
export const planIssueWordingOf = (issue: PlanIssue): Words => planIssueWording(issue.code, issue.params);

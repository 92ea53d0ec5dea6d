// A freshly generated workbook as a grid: what the generator writes and what a blank form reads as.
import { vietnameseDate } from '../domain/period.ts';
import type { Grid, CellValue } from './grid.ts';
import { metaToRows } from './meta.ts';
import {
  ASSESSMENT_ROWS,
  ASSESSMENT_SHEET,
  GUIDE_SHEET,
  META_SHEET,
  TARGETS_SHEET,
  TASKS_SHEET,
  headerText,
  type DataSheetSpec,
} from './spec.ts';
import type { TemplateModel } from './template-model.ts';

/** Label/value rows of the guide sheet (rows 3 onward). */
export function guideRows(model: TemplateModel, contact: string): [string, string][] {
  const { period, meta } = model;
  return [
    ['Cơ quan, đơn vị (Agency)', model.agency.name],
    ['Kỳ báo cáo (Period)', `${model.periodLabel} (${period.id})`],
    ['Số liệu tính từ (Data window)', `${vietnameseDate(period.dataFrom)} – ${vietnameseDate(period.dataTo)}`],
    ['Hạn nộp (Deadline)', `Trước ngày ${vietnameseDate(period.dueBefore)} (trước 00:00 giờ Việt Nam)`],
    ['Kế hoạch (Plan)', [meta.planNumber && `Số ${meta.planNumber}`, meta.planTitle].filter(Boolean).join(' — ')],
    ['Nơi nhận (Consolidated by)', model.consolidator],
    [
      'Cách điền (How to fill)',
      [
        `1. Trang "${TASKS_SHEET.name}": chọn Tình trạng, ghi Tiến độ (0–100), Kết quả, Văn bản/sản phẩm, Khó khăn, Đề xuất cho từng nhiệm vụ.`,
        `2. Trang "${TARGETS_SHEET.name}": ghi Số lượng đạt và Tổng số (số nguyên), hoặc chọn Có/Không; tỷ lệ tự tính.`,
        `3. Trang "${ASSESSMENT_SHEET.name}": ghi đánh giá chung theo 4 mục.`,
        '4. Chỉ các ô trắng được nhập; không đổi tên trang, không xóa hay chèn dòng.',
        'Fill the white cells only; keep sheet names and rows.',
      ].join('\n'),
    ],
    [
      'Cách nộp (How to submit)',
      [
        '• Trong Excel có phần bổ trợ: thẻ Trang đầu → "Báo cáo kế hoạch"; ở thanh bên bấm "Kiểm tra" rồi "Nộp báo cáo".',
        '• Không có phần bổ trợ (LibreOffice, WPS, Excel khác): lưu tệp, mở trang /addin/ của máy chủ báo cáo (địa chỉ do nơi nhận cung cấp), nhập mã truy cập, chọn tệp này rồi "Nộp báo cáo".',
        'In Excel with the add-in: Home → "Báo cáo kế hoạch", then Check and Submit in the sidebar. Without it: save the file, open the reporting service\'s /addin/ page, enter your code, pick this file and Submit.',
      ].join('\n'),
    ],
    ['Liên hệ (Contact)', contact],
    ['Tạo lúc (Generated at)', meta.generatedAt],
  ];
}

function sheetHead(spec: DataSheetSpec, model: TemplateModel): CellValue[][] {
  return [
    [spec.title.vi],
    [`${model.agency.name} · ${model.periodLabel} · Hạn nộp trước ${vietnameseDate(model.period.dueBefore)}`],
    [spec.title.en],
    spec.columns.map(headerText),
  ];
}

/** The grid of a blank workbook for this model; the ratio column holds no value until filled. */
export function buildTemplateGrid(model: TemplateModel, contact = model.consolidator): Grid {
  const guide: CellValue[][] = [['HƯỚNG DẪN BÁO CÁO'], ['Reporting guide'], ...guideRows(model, contact)];
  const tasks = [
    ...sheetHead(TASKS_SHEET, model),
    ...model.tasks.map((t): CellValue[] => [
      t.taskId,
      t.title,
      t.roleLabel,
      t.timeframe,
      null,
      null,
      null,
      null,
      null,
      null,
    ]),
  ];
  const targets = [
    ...sheetHead(TARGETS_SHEET, model),
    ...model.measures.map((m): CellValue[] => [m.measureId, m.label, m.threshold, m.how, null, null, null, null, null]),
  ];
  const assessment = [...sheetHead(ASSESSMENT_SHEET, model), ...ASSESSMENT_ROWS.map((s): CellValue[] => [s.vi, null])];
  return {
    [GUIDE_SHEET.name]: guide,
    [TASKS_SHEET.name]: tasks,
    [TARGETS_SHEET.name]: targets,
    [ASSESSMENT_SHEET.name]: assessment,
    [META_SHEET.name]: metaToRows(model.meta),
  };
}

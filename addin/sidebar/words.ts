// The pane's words: Vietnamese first, English when the user switches.
export type Lang = 'vi' | 'en';
type Args = (string | number)[];
type Entry = { vi: string | ((...a: Args) => string); en: string | ((...a: Args) => string) };

const WORDS = {
  appName: { vi: 'Báo cáo kế hoạch', en: 'Plan reporting' },
  signInTitle: { vi: 'Đăng nhập', en: 'Sign in' },
  signInHelp: {
    vi: 'Nhập mã truy cập Phòng Nội vụ cấp cho cơ quan của bạn. Mã được ghi nhớ trên máy này.',
    en: 'Enter the access code Phòng Nội vụ gave your agency. It is remembered on this computer.',
  },
  codeLabel: { vi: 'Mã truy cập', en: 'Access code' },
  urlLabel: { vi: 'Địa chỉ máy chủ báo cáo', en: 'Reporting service URL' },
  signIn: { vi: 'Đăng nhập', en: 'Sign in' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  wrongCode: { vi: 'Mã truy cập không đúng hoặc đã bị thu hồi.', en: 'The access code is wrong or was revoked.' },
  offline: {
    vi: 'Không kết nối được máy chủ báo cáo; kiểm tra mạng rồi thử lại.',
    en: 'Cannot reach the reporting service; check the network and try again.',
  },
  serverError: {
    vi: (s) => `Máy chủ trả lời lỗi ${s}; hãy thử lại.`,
    en: (s) => `The service answered ${s}; try again.`,
  },
  cannotRead: {
    vi: (h, m) => `Không đọc được bảng tính từ ${h}: ${m}`,
    en: (h, m) => `Cannot read the workbook from ${h}: ${m}`,
  },
  cannotHighlight: { vi: (m) => `Không tô được ô lỗi: ${m}`, en: (m) => `Cannot highlight the cells: ${m}` },
  notOurWorkbook: {
    vi: 'Bảng tính đang mở không phải mẫu báo cáo được cấp (thiếu trang thông tin ẩn). Hãy mở mẫu báo cáo của cơ quan.',
    en: "The open workbook is not a reporting template (no hidden metadata sheet). Open your agency's template.",
  },
  oldWorkbook: {
    vi: 'Mẫu báo cáo này được tạo trước khi có nhiều kế hoạch; hãy tải mẫu mới và chép số liệu sang.',
    en: 'This template predates plans with ids; download a new one and copy the figures over.',
  },
  otherAgency: {
    vi: (a) => `Bảng tính này là báo cáo của ${a}, không phải của cơ quan bạn.`,
    en: (a) => `This workbook belongs to ${a}, not to your agency.`,
  },
  readAgain: { vi: 'Đọc lại bảng tính', en: 'Read the workbook again' },
  period: { vi: (p, d) => `Kỳ ${p} · hạn nộp trước ${d}`, en: (p, d) => `Period ${p} · due before ${d}` },
  daysLeft: { vi: (n) => `Còn ${n} ngày`, en: (n) => `${n} days left` },
  overdue: { vi: (n) => `Quá hạn ${n} ngày`, en: (n) => `${n} days late` },
  notSubmitted: { vi: 'Chưa nộp báo cáo kỳ này.', en: 'Not submitted yet.' },
  receipt: { vi: (v, t, s) => `Đã nộp lần ${v} lúc ${t} (${s})`, en: (v, t, s) => `Version ${v} received ${t} (${s})` },
  onTime: { vi: 'đúng hạn', en: 'on time' },
  late: { vi: 'trễ hạn', en: 'late' },
  check: { vi: 'Kiểm tra', en: 'Check' },
  submit: { vi: 'Nộp báo cáo', en: 'Submit' },
  confirmSubmit: { vi: 'Xác nhận nộp', en: 'Confirm and submit' },
  confirmQuestion: {
    vi: (p) => `Nộp báo cáo kỳ ${p}? Bấm "Xác nhận nộp" để gửi.`,
    en: (p) => `Submit the report for ${p}? Press "Confirm and submit".`,
  },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  tasks: { vi: 'Nhiệm vụ', en: 'Tasks' },
  measures: { vi: 'Chỉ tiêu', en: 'Targets' },
  threshold: { vi: 'Chỉ tiêu', en: 'Target' },
  history: { vi: (n) => `Các lần đã nộp (${n})`, en: (n) => `Submissions (${n})` },
  empty: { vi: 'Chưa điền', en: 'Empty' },
  incomplete: { vi: 'Cần sửa', en: 'To fix' },
  ready: { vi: 'Đã xong', en: 'Ready' },
  noIssues: { vi: 'Không có lỗi; có thể nộp báo cáo.', en: 'No issues; ready to submit.' },
  issuesTitle: { vi: (n) => `${n} ô cần sửa`, en: (n) => `${n} cells to fix` },
  fixFirst: {
    vi: (n) => `Còn ${n} ô cần sửa; hãy sửa rồi nộp.`,
    en: (n) => `${n} cells still need fixing; fix them, then submit.`,
  },
  noFile: { vi: 'Hãy chọn tệp báo cáo .xlsx.', en: 'Choose the .xlsx report file.' },
  sendFailed: {
    vi: 'Chưa gửi được (mất kết nối). Bảng tính vẫn nguyên; bấm Nộp báo cáo để gửi lại.',
    en: 'Not sent (no connection). The workbook is unchanged; press Submit to send again.',
  },
  accepted: { vi: 'Phòng Nội vụ đã tiếp nhận báo cáo này.', en: 'Phòng Nội vụ accepted this report.' },
  returned: {
    vi: (d) => `Báo cáo bị trả lại; hãy sửa và nộp lại trước ${d}:`,
    en: (d) => `The report was returned; fix it and submit again by ${d}:`,
  },
  submitted: { vi: (r, id) => `Đã nộp. ${r}. Mã biên nhận ${id}.`, en: (r, id) => `Submitted. ${r}. Receipt ${id}.` },
} satisfies Record<string, Entry>;

export type WordKey = keyof typeof WORDS;

export function t(lang: Lang, key: WordKey, ...args: Args): string {
  const entry: Entry = WORDS[key];
  const value = entry[lang];
  return typeof value === 'function' ? value(...args) : value;
}

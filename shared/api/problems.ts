// Every problem the HTTP API answers, in one table: its code, its status and its words, Vietnamese first, English
// second, with the values each wording needs typed per code (like the finding tables: shared/workbook/issue.ts,
// shared/plan/plan-messages.ts). A code without words does not compile. The server builds its problems from here
// (server/http/problem.ts `problem(code, params)`); a refusal made on a reader's thread is worded here too.
import type { Wording } from '../domain/finding.ts';
import { xlsxErrorWording, type XlsxError } from '../xlsx/xlsx-reader.ts';

/** What a caller sent, echoed back at most `max` characters long. */
export const clip = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

interface Entry<P> {
  status: number | ((p: P) => number);
  words: (p: P) => Wording;
}
const entry = <P = undefined>(status: number | ((p: P) => number), words: (p: P) => Wording): Entry<P> => ({
  status,
  words,
});

/** The request bodies (and the one query) a route checks with its schema, each refused with its own words. */
const BODY_WORDS = {
  account: (field: string) => ({
    vi: `Tài khoản mới cần tên (2–100 ký tự) và vai trò "coordinator" hoặc "viewer" (trường "${field}").`,
    en: `A new account needs a name (2–100 characters) and a role, "coordinator" or "viewer" (field "${field}").`,
  }),
  contacts: (field: string) => ({
    vi: `Liên hệ không hợp lệ ở trường "${field}".`,
    en: `Invalid contact at field "${field}".`,
  }),
  period: () => ({
    vi: 'Cần trường "id" của kỳ báo cáo, ví dụ "2026-H1".',
    en: 'The field "id" of the period is required, e.g. "2026-H1".',
  }),
  review: (field: string, message: string) => ({
    vi: `Xem xét không hợp lệ ở trường "${field}": ${message}.`,
    en: `Invalid review at field "${field}": ${message}.`,
  }),
  'master-source': () => ({
    vi: 'Cần trường "acceptedOnly" (true/false).',
    en: 'The field "acceptedOnly" (true/false) is required.',
  }),
  exception: (field: string) => ({
    vi: `Ngoại lệ không hợp lệ ở trường "${field}".`,
    en: `Invalid exception at field "${field}".`,
  }),
  correction: (field: string, message: string) => ({
    vi: `Sửa không hợp lệ ở trường "${clip(field, 80)}": ${message}.`,
    en: `Invalid correction at field "${clip(field, 80)}": ${message}.`,
  }),
  agency: (field: string) => ({
    vi: `Cơ quan mới không hợp lệ ở trường "${field}".`,
    en: `Invalid new agency at field "${field}".`,
  }),
  report: (field: string, message: string) => ({
    vi: `Dữ liệu gửi lên không hợp lệ ở trường "${field}": ${message}.`,
    en: `Invalid payload at field "${field}": ${message}.`,
  }),
} satisfies Record<string, (field: string, message: string) => Wording>;
export type BodyKind = keyof typeof BODY_WORDS;

type BadPayload =
  | { body: BodyKind; field: string; message: string }
  | { body: 'report-json' }
  | { body: 'report-size'; field: string; fault: Wording }
  | { body: 'reminder-date' };

/** An .xlsx that cannot be opened: worded by the reader's own table, 413 when too large, else 422. */
const xlsx = entry((e: XlsxError) => (e.code === 'workbook-too-large' ? 413 : 422), xlsxErrorWording);

const staffOnly = (need: 'coordinator' | 'staff') =>
  need === 'coordinator'
    ? { vi: 'Chỉ cán bộ điều phối của Phòng Nội vụ được dùng chức năng này.', en: 'Coordinators of Phòng Nội vụ only.' }
    : { vi: 'Chỉ Phòng Nội vụ được dùng chức năng này.', en: 'Phòng Nội vụ staff only.' };
const published = { vi: 'Kế hoạch đã ban hành.', en: 'The plan is already published.' };
const periodId = (p: { id: string }) => ({
  vi: `Kỳ "${p.id}" không hợp lệ hoặc không có trong chế độ báo cáo của kế hoạch.`,
  en: `The period "${p.id}" is malformed or not in the plan's reporting rule.`,
});

export const PROBLEMS = {
  // Requests: paths, bodies, uploads.
  'not-found': entry(404, (p: { method: string; path: string } | { file: true }) =>
    'file' in p
      ? { vi: 'Không có tệp này.', en: 'No such file.' }
      : { vi: `Không có đường dẫn ${p.method} ${clip(p.path, 80)}.`, en: `No route ${p.method} ${clip(p.path, 80)}.` },
  ),
  'body-too-large': entry(413, (p?: { limit: number }) =>
    p
      ? {
          vi: `Tệp quá lớn (tối đa ${p.limit / 1024 / 1024} MB).`,
          en: `The file is too large (limit ${p.limit / 1024 / 1024} MB).`,
        }
      : { vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request body is too large.' },
  ),
  'forbidden-key': entry(400, (p: { key: string }) => ({
    vi: `Dữ liệu JSON có khóa không được phép "${p.key}".`,
    en: `The JSON has a key that is not allowed: "${p.key}".`,
  })),
  'malformed-json': entry(400, () => ({ vi: 'Dữ liệu JSON không hợp lệ.', en: 'The body is not valid JSON.' })),
  'malformed-path': entry(400, () => ({
    vi: 'Đường dẫn có mã hóa % không hợp lệ.',
    en: 'The path has broken percent-encoding.',
  })),
  'bad-request': entry(
    (p: { status: number }) => p.status,
    () => ({ vi: 'Yêu cầu không hợp lệ.', en: 'Bad request.' }),
  ),
  'bad-payload': entry(400, (p: BadPayload) => {
    switch (p.body) {
      case 'report-json':
        return {
          vi: 'Hãy gửi báo cáo dạng JSON (Content-Type: application/json).',
          en: 'Send the report as JSON (Content-Type: application/json).',
        };
      case 'report-size':
        return {
          vi: `Dữ liệu gửi lên quá lớn ở trường "${p.field}": ${p.fault.vi}.`,
          en: `The payload is too large at field "${p.field}": ${p.fault.en}.`,
        };
      case 'reminder-date':
        return { vi: 'Cần ngày dạng YYYY-MM-DD trong ?on=.', en: 'A date YYYY-MM-DD is needed in ?on=.' };
      default:
        return BODY_WORDS[p.body](p.field, p.message);
    }
  }),
  'bad-query': entry(400, (p: { field: string }) => ({
    vi: `Tham số "${clip(p.field)}" không hợp lệ.`,
    en: `Invalid query parameter "${clip(p.field)}".`,
  })),
  'bad-idempotency-key': entry(400, () => ({
    vi: 'Idempotency-Key phải là 1–200 ký tự ASCII in được.',
    en: 'Idempotency-Key must be 1–200 printable ASCII characters.',
  })),
  'malformed-multipart': entry(400, () => ({
    vi: 'Dữ liệu multipart không hợp lệ hoặc bị cắt ngang.',
    en: 'The multipart body is malformed or cut short.',
  })),
  'body-incomplete': entry(400, () => ({
    vi: 'Tệp gửi lên bị cắt ngang; hãy gửi lại.',
    en: 'The upload was cut short; send it again.',
  })),
  'too-many-files': entry(400, () => ({
    vi: 'Chỉ gửi một tệp trong trường "file".',
    en: 'Send one file, in the field "file".',
  })),
  'file-missing': entry(400, () => ({
    vi: 'Thiếu trường "file" chứa tệp .xlsx.',
    en: 'The multipart field "file" with the .xlsx is missing.',
  })),
  'unsupported-media-type': entry(415, (p: { workbookType: string } | { plan: true }) =>
    'plan' in p
      ? {
          vi: 'Hãy gửi văn bản kế hoạch .docx hoặc .txt (hoặc multipart với trường "file").',
          en: 'Send the plan document as .docx or .txt (or multipart/form-data with the field "file").',
        }
      : {
          vi: `Hãy gửi tệp .xlsx (Content-Type: ${p.workbookType}) hoặc multipart với trường "file".`,
          en: `Send an .xlsx body (Content-Type: ${p.workbookType}) or multipart/form-data with the field "file".`,
        },
  ),
  'payload-timeout': entry(422, (p: { limitMs: number }) => ({
    vi: `Đọc dữ liệu quá lâu (hơn ${p.limitMs / 1000} giây); dữ liệu bị từ chối.`,
    en: `Reading the payload took too long (over ${p.limitMs / 1000} s); it was refused.`,
  })),
  'payload-too-complex': entry(422, () => ({
    vi: 'Dữ liệu cần quá nhiều bộ nhớ để đọc; dữ liệu bị từ chối.',
    en: 'The payload needs too much memory to read; it was refused.',
  })),
  'workbook-empty': xlsx,
  'workbook-too-large': xlsx,
  'workbook-encrypted': xlsx,
  'workbook-xls': xlsx,
  'not-a-workbook': xlsx,
  'workbook-damaged': xlsx,
  'workbook-too-many-cells': xlsx,
  'workbook-timeout': xlsx,
  'workbook-too-complex': xlsx,
  'workbook-too-many-elements': xlsx,
  'workbook-zip-bomb': xlsx,
  busy: entry(
    (p: { scope: 'code' | 'service'; limit: number; retryAfterS: number } | { scope: 'plans' }) =>
      p.scope === 'code' ? 429 : 503,
    (p) => {
      switch (p.scope) {
        case 'code':
          return {
            vi: `Mã truy cập này đã có ${p.limit} yêu cầu đang chờ xử lý (tối đa ${p.limit}); hãy gửi lại sau ${p.retryAfterS} giây.`,
            en: `This access code already has ${p.limit} requests waiting (the limit is ${p.limit}); send again in ${p.retryAfterS} s.`,
          };
        case 'service':
          return {
            vi: `Máy chủ đang có ${p.limit} yêu cầu chờ xử lý; hãy gửi lại sau ít giây.`,
            en: `The service has ${p.limit} requests waiting; send again in a few seconds.`,
          };
        case 'plans':
          return {
            vi: 'Máy chủ đang đọc nhiều kế hoạch; hãy gửi lại sau ít giây.',
            en: 'The service is reading many plans; send again in a few seconds.',
          };
      }
    },
  ),

  // Who may call.
  unauthenticated: entry(401, () => ({
    vi: 'Thiếu mã truy cập (Authorization: Bearer …).',
    en: 'Missing access code (Authorization: Bearer …).',
  })),
  'bad-access-code': entry(401, () => ({
    vi: 'Mã truy cập không đúng hoặc đã bị thu hồi.',
    en: 'The access code is wrong or was revoked.',
  })),
  'too-many-attempts': entry(429, (p: { wait: number }) => ({
    vi: `Nhập sai mã quá nhiều lần; thử lại sau ${p.wait} giây.`,
    en: `Too many wrong codes; try again in ${p.wait} s.`,
  })),
  'coordinator-only': entry(403, () => staffOnly('coordinator')),
  'admin-only': entry(403, (p: { need: 'coordinator' | 'staff' }) => staffOnly(p.need)),
  'agency-only': entry(403, () => ({
    vi: 'Chức năng này dành cho cơ quan báo cáo; hãy dùng mã của cơ quan.',
    en: 'This is for reporting agencies; use an agency code.',
  })),
  'agency-not-in-plan': entry(403, (p?: { planId: string }) =>
    p
      ? {
          vi: `Cơ quan của mã này không có nhiệm vụ trong kế hoạch ${clip(p.planId)}.`,
          en: `The agency of this code has no assignment in the plan ${clip(p.planId)}.`,
        }
      : {
          vi: 'Cơ quan của mã này không có nhiệm vụ trong kế hoạch nào đang thực hiện.',
          en: 'The agency of this code has no assignment in any published plan.',
        },
  ),

  // Things named in the path.
  'plan-unknown': entry(404, (p: { id: string }) => ({
    vi: `Không có kế hoạch ${clip(p.id)}.`,
    en: `No plan ${clip(p.id)}.`,
  })),
  'plan-not-published': entry(409, (p: { id: string }) => ({
    vi: `Kế hoạch ${clip(p.id)} chưa ban hành; chưa có kỳ báo cáo.`,
    en: `The plan ${clip(p.id)} is not published yet; it has no periods.`,
  })),
  'period-unknown': entry(404, (p: { id: string }) => ({
    vi: `Không có kỳ báo cáo ${clip(p.id)}.`,
    en: `No reporting period ${clip(p.id)}.`,
  })),
  'submission-unknown': entry(404, (p: { id: string }) => ({
    vi: `Không có báo cáo ${clip(p.id)} trong kỳ này.`,
    en: `No submission ${clip(p.id)} in this period.`,
  })),
  'account-unknown': entry(404, (p: { id: string }) => ({
    vi: `Không có tài khoản ${clip(p.id)}.`,
    en: `No account ${clip(p.id)}.`,
  })),
  'agency-unknown': entry(404, (p: { id: string; in: 'published' | 'directory' | 'plan' }) => {
    switch (p.in) {
      case 'published':
        return {
          vi: `Không có cơ quan ${clip(p.id)} trong các kế hoạch đang thực hiện.`,
          en: `No agency ${clip(p.id)} reports on a published plan.`,
        };
      case 'directory':
        return { vi: `Không có cơ quan ${clip(p.id)}.`, en: `No agency ${clip(p.id)}.` };
      case 'plan':
        return { vi: `Không có cơ quan ${clip(p.id)} trong kế hoạch.`, en: `No agency ${clip(p.id)} in the plan.` };
    }
  }),
  /** 404 for a directory named in the path; 409 for the one a plan refers to (its id as the plan has it). */
  'directory-unknown': entry(
    (p: { id: string; ofPlan?: true }) => (p.ofPlan ? 409 : 404),
    (p) => {
      const id = p.ofPlan ? p.id : clip(p.id);
      return { vi: `Không có danh bạ ${id}.`, en: `No directory ${id}.` };
    },
  ),
  'group-unknown': entry(400, (p: { id: string }) => ({
    vi: `Không có nhóm ${clip(p.id)}.`,
    en: `No group ${clip(p.id)}.`,
  })),
  'section-unknown': entry(404, (p: { section: string; sections: readonly string[] }) => ({
    vi: `Không có phần ${clip(p.section)}; có: ${p.sections.join(', ')}.`,
    en: `No section ${clip(p.section)}; there are: ${p.sections.join(', ')}.`,
  })),

  // Plans.
  'plan-unreadable': entry(422, (p: { message: string }) => ({ vi: p.message, en: p.message })),
  'plan-too-long': entry(413, (p: { message: string }) => ({ vi: p.message, en: p.message })),
  'plan-over-limits': entry(422, (p: { where: string; first: Wording }) => ({
    vi: `Kế hoạch vượt giới hạn (${p.where}): ${p.first.vi}`,
    en: `The plan is over its limits (${p.where}): ${p.first.en}`,
  })),
  'title-too-long': entry(422, (p: { field: string; chars: number; limit: number }) => ({
    vi: `Trường "${p.field}" dài ${p.chars} ký tự, vượt quá giới hạn ${p.limit} ký tự.`,
    en: `The field "${p.field}" is ${p.chars} characters long, more than the limit of ${p.limit}.`,
  })),
  'plan-timeout': entry(422, (p: { limitMs: number }) => ({
    vi: `Đọc kế hoạch quá ${p.limitMs} ms nên đã dừng; kế hoạch quá lớn hoặc quá phức tạp (tối đa 2.000 nhiệm vụ).`,
    en: `Reading the plan took longer than ${p.limitMs} ms and was stopped; it is too large or too complex (at most 2,000 tasks).`,
  })),
  'plan-too-complex': entry(422, () => ({
    vi: 'Kế hoạch quá phức tạp để đọc.',
    en: 'The plan is too complex to read.',
  })),
  'plan-not-draft': entry(409, () => published),
  'plan-already-published': entry(409, () => published),
  'plan-has-blocking-issues': entry(409, (p: { count: number }) => ({
    vi: `Kế hoạch còn ${p.count} lỗi cần sửa trước khi ban hành.`,
    en: `The plan has ${p.count} blocking issues left.`,
  })),
  /** What an archived plan refuses: a report, a new period, or a change to the plan. */
  'plan-archived': entry(409, (p: { refused: 'report' | 'period' | 'change' }) => {
    switch (p.refused) {
      case 'report':
        return {
          vi: 'Kế hoạch đã kết thúc (lưu trữ); không nhận thêm báo cáo.',
          en: 'The plan is archived; no more reports are accepted.',
        };
      case 'period':
        return { vi: 'Kế hoạch đã lưu trữ; không mở thêm kỳ.', en: 'The plan is archived; no period can be opened.' };
      case 'change':
        return { vi: 'Kế hoạch đã lưu trữ.', en: 'The plan is archived.' };
    }
  }),
  'manifest-needs-https': entry(409, (p: { reason: string }) => ({
    vi: 'Phần bổ trợ Office cần địa chỉ https; đặt PUBLIC_URL.',
    en: `Office add-ins need an https URL; set PUBLIC_URL (${p.reason}).`,
  })),

  // Periods and reports.
  'period-id-malformed': entry(400, periodId),
  'period-kind-not-in-plan': entry(400, periodId),
  'period-year-out-of-range': entry(400, (p: { from: number; to: number }) => ({
    vi: `Chỉ mở kỳ báo cáo của các năm ${p.from}–${p.to}.`,
    en: `Periods can be opened for the years ${p.from}–${p.to} only.`,
  })),
  'period-has-submissions': entry(409, (p: { id: string }) => ({
    vi: `Kỳ ${p.id} đã có báo cáo; không thể xóa (hãy khóa kỳ nếu không dùng nữa).`,
    en: `The period ${p.id} has reports and cannot be deleted (lock it instead).`,
  })),
  'period-locked': entry(409, (p: { id: string }) => ({
    vi: `Kỳ báo cáo ${p.id} đã khóa; không nhận thêm báo cáo.`,
    en: `The period ${p.id} is locked; no more reports are accepted.`,
  })),
  'workbook-mismatch': entry(409, () => ({
    vi: 'Tệp này không phải báo cáo của cơ quan, kỳ hoặc kế hoạch này.',
    en: 'This workbook is for another agency, period or plan.',
  })),
  'report-invalid': entry(422, () => ({
    vi: 'Báo cáo còn lỗi; xem danh sách ô cần sửa.',
    en: 'The report has issues; see the cells to fix.',
  })),
  'idempotency-key-reused': entry(422, () => ({
    vi: 'Idempotency-Key này đã dùng cho một báo cáo khác; hãy dùng khóa mới cho mỗi lần nộp.',
    en: 'This Idempotency-Key was used for another report; use a new key for each submission.',
  })),
  'last-coordinator': entry(409, () => ({
    vi: 'Không thể thu hồi tài khoản điều phối cuối cùng.',
    en: 'The last coordinator account cannot be revoked.',
  })),

  // The service itself.
  'storage-unwritable': entry(503, (p: { where: string | null; reason: string }) => ({
    vi: `Máy chủ không ghi được dữ liệu${p.where ? ` vào ${p.where}` : ''} (${p.reason}): thư mục dữ liệu chỉ đọc hoặc không có quyền ghi; hãy báo quản trị máy chủ.`,
    en: `The service cannot write its data${p.where ? ` to ${p.where}` : ''} (${p.reason}): the data folder is read-only or not writable; tell the server's administrator.`,
  })),
  'text-unwritable': entry(500, (p: { message: string }) => ({
    vi: `Nội dung đã lưu có ký tự không ghi được vào tệp (${p.message}); Phòng Nội vụ cần sửa lại nội dung đó, rồi thử lại.`,
    en: `Stored text holds a character the file cannot hold (${p.message}); the coordinator needs to correct that text, then try again.`,
  })),
  internal: entry(500, () => ({
    vi: 'Lỗi máy chủ; báo cáo chưa bị ảnh hưởng, hãy thử lại.',
    en: 'Server error; nothing stored was changed, try again.',
  })),
};
// Every code the .xlsx reader can refuse with is a problem of the table.
const _everyXlsxCode: Record<XlsxError['code'], Entry<XlsxError>> = PROBLEMS;

export type ProblemCode = keyof typeof PROBLEMS;
/** The values the wording of a code needs (`undefined` when it needs none). */
export type ProblemParams<C extends ProblemCode> = (typeof PROBLEMS)[C] extends Entry<infer P> ? P : never;
/** The arguments after the code: the params, left out when the code needs none. */
export type ProblemArgs<C extends ProblemCode, Rest extends unknown[] = []> =
  undefined extends ProblemParams<C> ? [params?: ProblemParams<C>, ...Rest] : [params: ProblemParams<C>, ...Rest];

/** A problem as data: its status, code and words. */
export interface WordedProblem {
  status: number;
  code: ProblemCode;
  vi: string;
  en: string;
}

export function wordProblem<C extends ProblemCode>(code: C, ...[params]: ProblemArgs<C>): WordedProblem {
  const e = PROBLEMS[code] as Entry<ProblemParams<C> | undefined>;
  const status = typeof e.status === 'number' ? e.status : e.status(params);
  return { status, code, ...e.words(params) };
}

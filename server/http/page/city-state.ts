// The city page's state, without the DOM: what it asks the API (every path from the route table), what it keeps
// (the chosen plan and period, the status, the filter), and what each part of the page shows, in the words and dates
// of shared/. browser/city.ts draws it; tests/server/http/city-state.test.ts runs it against a fake API.
import { vietnameseDate, vietnameseDateTime } from '../../../shared/domain/period.ts';
import { LATE, MISSING, ON_TIME, REVIEW_LABELS, SOURCE_LABELS, SUBMITTED } from '../../../shared/master/master-rows.ts';
import { API_BASE, pathOf, ROUTE_PATHS, type ParamsOf, type RoutePath } from '../../../shared/api/route-paths.ts';
import { STATUS_LABELS } from '../../../shared/workbook/spec.ts';

export type Fetcher = (url: string, init?: RequestInit) => Promise<Response>;

/** The API as the page calls it: a route of the table with its params, under the signed-in token. */
export class PageApi {
  constructor(
    private readonly token: () => string,
    private readonly fetcher: Fetcher,
  ) {}

  call<P extends string>(
    route: RoutePath<P>,
    params: Record<ParamsOf<P>, string>,
    init: RequestInit = {},
    query?: Record<string, string>,
  ): Promise<Response> {
    return this.fetcher(`${API_BASE}${pathOf(route, params, query)}`, {
      method: route.method,
      ...init,
      headers: {
        Authorization: `Bearer ${this.token()}`,
        ...((init.headers as Record<string, string> | undefined) ?? {}),
      },
    });
  }

  /** A call with a JSON body. */
  send<P extends string>(route: RoutePath<P>, params: Record<ParamsOf<P>, string>, body: unknown): Promise<Response> {
    return this.call(route, params, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }
}

/** The title of a problem answer, or the HTTP status when the answer is not one. */
export async function problemText(res: Response): Promise<string> {
  try {
    return ((await res.json()) as { title: string }).title;
  } catch {
    return `HTTP ${res.status}`;
  }
}

export type Review = 'awaiting' | 'accepted' | 'returned';
export interface AgencyStatus {
  agencyId: string;
  agencyName: string;
  group: string;
  submitted: boolean;
  version: number | null;
  receivedAt: string | null;
  onTime: boolean | null;
  source: string | null;
  review: Review | null;
  submissionId: string | null;
  google: {
    pulledAt: string | null;
    status: string | null;
    error: string | null;
    issues: { cell: string; message: string }[];
  } | null;
}
export interface PeriodStatus {
  period: { id: string; dueBefore: string; daysLeft: number };
  counts: { expected: number; onTime: number; late: number; missing: number };
  agencies: AgencyStatus[];
}
export type Filter = 'all' | 'missing' | 'late' | 'awaiting';

/** A time as the page writes it: Vietnam local time, "dd/mm/yyyy hh:mm" (shared/domain/period.ts). */
export const vnTime = vietnameseDateTime;

// What the last pull of an agency's Google Sheet found.
const PULLS: Record<string, string> = {
  stored: 'Đã lấy bản mới',
  unchanged: 'Không thay đổi',
  'same-content': 'Không thay đổi',
  invalid: 'Có lỗi',
  refused: 'Kỳ không nhận',
  failed: 'Không đọc được',
};

export interface PullView {
  className: string;
  text: string;
  title: string | null;
  issues: string[];
}
export function pullView(google: AgencyStatus['google']): PullView | null {
  if (!google) return null;
  const label = google.status ? (PULLS[google.status] ?? google.status) : 'Chưa lấy';
  return {
    className: `pull pull-${google.status ?? 'none'}`,
    text: google.pulledAt ? `${label} (${vnTime(google.pulledAt)})` : label,
    title: google.error,
    issues: google.issues.map((i) => `${i.cell}: ${i.message}`),
  };
}

export interface StatusRow {
  agencyId: string;
  className: 'missing' | 'late' | 'on-time';
  cells: string[];
  submissionId: string | null;
  pull: PullView | null;
  agency: AgencyStatus;
}

const collator = new Intl.Collator('vi', { numeric: true });

/**
 * The status table's rows: directory order, or by name in Vietnamese collation (Đ after D, "Phường 2" before
 * "Phường 10"); the filter keeps the missing, the late or those awaiting review. The words are the master's.
 */
export function statusRows(status: PeriodStatus, filter: Filter, byName: boolean): StatusRow[] {
  const agencies = byName
    ? [...status.agencies].sort((x, y) => collator.compare(x.agencyName, y.agencyName))
    : status.agencies;
  return agencies.flatMap((a): StatusRow[] => {
    const late = a.submitted && !a.onTime;
    if (
      (filter === 'missing' && a.submitted) ||
      (filter === 'late' && !late) ||
      (filter === 'awaiting' && a.review !== 'awaiting')
    )
      return [];
    return [
      {
        agencyId: a.agencyId,
        className: !a.submitted ? 'missing' : late ? 'late' : 'on-time',
        submissionId: a.submissionId,
        pull: pullView(a.google),
        agency: a,
        cells: [
          a.agencyName,
          a.group,
          a.submitted ? SUBMITTED : MISSING,
          a.version === null ? '' : String(a.version),
          a.receivedAt ? vnTime(a.receivedAt) : '',
          a.submitted ? (a.onTime ? ON_TIME : LATE) : '',
          a.source ? (SOURCE_LABELS[a.source] ?? a.source) : '',
          a.review ? REVIEW_LABELS[a.review] : '',
        ],
      },
    ];
  });
}

/** The countdown to the due day, or how late it is. */
export function deadlineText(period: PeriodStatus['period']): { text: string; overdue: boolean } {
  const due = vietnameseDate(period.dueBefore);
  return period.daysLeft >= 0
    ? { text: `Còn ${period.daysLeft} ngày đến hạn nộp (trước ${due})`, overdue: false }
    : { text: `Đã quá hạn ${-period.daysLeft} ngày (hạn trước ${due})`, overdue: true };
}

export function countItems(counts: PeriodStatus['counts']): [string, number][] {
  return [
    ['Phải báo cáo', counts.expected],
    [ON_TIME, counts.onTime],
    [LATE, counts.late],
    [MISSING, counts.missing],
  ];
}

export interface PlanListItem {
  id: string;
  state: 'draft' | 'published' | 'archived';
  number: string | null;
  title: string;
}
/** The plans that have periods (published first, then archived), as choices of the plan selector. */
export function planChoices(plans: PlanListItem[]): { value: string; text: string }[] {
  return plans
    .filter((p) => p.state !== 'draft')
    .sort((a, b) => (a.state === b.state ? 0 : a.state === 'published' ? -1 : 1))
    .map((p) => ({
      value: p.id,
      text: `${p.number && /\d/.test(p.number) ? `Số ${p.number}` : p.id} — ${p.title.slice(0, 70)}${p.state === 'archived' ? ' (đã lưu trữ)' : ''}`,
    }));
}

const PERIOD_STATES: Record<string, string> = { open: 'đang mở', closed: 'đã đóng', locked: 'đã khóa' };
export function periodChoices(periods: { id: string; state: string }[]): { value: string; text: string }[] {
  return periods.map((p) => ({ value: p.id, text: `${p.id} (${PERIOD_STATES[p.state] ?? p.state})` }));
}

export interface SubmissionAnswer {
  submission: { submissionId: string; agencyName: string; version: number; receivedAt: string };
  tasks: { taskId: string; title: string }[];
  measures: { measureId: string; label: string }[];
  report: {
    tasks: { taskId: string; status: string; progress: number | null; results: string }[];
    measures: { measureId: string; yes: boolean | null; numerator: number | null; denominator: number | null }[];
    assessment: { results: string; shortcomings: string; nextSteps: string; proposals: string };
  };
  previous: {
    version: number;
    report: { tasks: { taskId: string; status: string; progress: number | null; results: string }[] } | null;
  } | null;
  review: { state: Review; comment: string };
}

/** One report version as the reviewer reads it: each task's cells, those changed since the previous version marked. */
export function submissionView(v: SubmissionAnswer) {
  const before = new Map((v.previous?.report?.tasks ?? []).map((t) => [t.taskId, t]));
  return {
    heading: `${v.submission.agencyName} — lần ${v.submission.version} (${vnTime(v.submission.receivedAt)})`,
    state: `${REVIEW_LABELS[v.review.state]}${v.review.comment ? `: ${v.review.comment}` : ''}${v.previous ? ` · so với lần ${v.previous.version}: ô thay đổi được tô vàng` : ''}`,
    tasks: v.report.tasks.map((t) => {
      const old = before.get(t.taskId);
      const changed = (key: 'status' | 'progress' | 'results') =>
        !!v.previous && !!old && String(old[key] ?? '') !== String(t[key] ?? '');
      return {
        taskId: t.taskId,
        cells: [
          { text: t.taskId, changed: false },
          { text: v.tasks.find((x) => x.taskId === t.taskId)?.title ?? '', changed: false },
          { text: STATUS_LABELS[t.status as keyof typeof STATUS_LABELS] ?? t.status, changed: changed('status') },
          { text: String(t.progress ?? ''), changed: changed('progress') },
          { text: t.results, changed: changed('results') },
        ],
      };
    }),
    measures: v.report.measures.map((m) => [
      m.measureId,
      v.measures.find((x) => x.measureId === m.measureId)?.label ?? '',
      m.yes === null ? `${m.numerator ?? ''} / ${m.denominator ?? ''}` : m.yes ? 'Có' : 'Không',
    ]),
    assessment: (
      [
        ['Kết quả', v.report.assessment.results],
        ['Hạn chế', v.report.assessment.shortcomings],
        ['Phương hướng', v.report.assessment.nextSteps],
        ['Đề xuất', v.report.assessment.proposals],
      ] as const
    ).map(([label, text]) => `${label}: ${text || '—'}`),
  };
}

const KINDS: Record<string, string> = {
  'before-7': 'còn 7 ngày',
  'before-1': 'còn 1 ngày',
  due: 'hạn cuối',
  'late-3': 'quá hạn 3 ngày',
  returned: 'bị trả lại',
  'resubmit-1': 'sắp hết hạn nộp lại',
};
export interface RemindersPreview {
  sends: boolean;
  reminders: { agencyName: string; planId: string; periodId: string; kind: string; to: string[] }[];
  digest: { to: string[] };
}
/** What the reminders would send on a day, as lines; without SMTP_URL nothing is sent. */
export function reminderLines(p: RemindersPreview): { sends: string; items: string[] } {
  const items = p.reminders.map(
    (r) =>
      `${r.agencyName} — ${r.planId}, kỳ ${r.periodId}: ${KINDS[r.kind] ?? r.kind} → ${r.to.length ? r.to.join(', ') : '(chưa có địa chỉ)'}`,
  );
  if (p.digest.to.length) items.push(`Bản tổng hợp hằng ngày → ${p.digest.to.join(', ')}`);
  return {
    sends: p.sends
      ? 'Thư được gửi qua máy chủ thư đã cấu hình.'
      : 'Chưa cấu hình máy chủ thư (SMTP_URL): không thư nào được gửi; đây là những thư sẽ gửi.',
    items,
  };
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

/** What the page holds: the chosen plan and period, their status, how the table is filtered and sorted. */
export class CityState {
  plan = '';
  period = '';
  status: PeriodStatus | null = null;
  filter: Filter = 'all';
  byName = false;
  viewing: SubmissionAnswer | null = null;

  constructor(readonly api: PageApi) {}

  private async read<T>(res: Promise<Response>): Promise<Loaded<T>> {
    const answer = await res;
    return answer.ok
      ? { ok: true, value: (await answer.json()) as T }
      : { ok: false, message: await problemText(answer) };
  }

  /** The plans with periods; the chosen plan kept when it is still one of them (else the first). */
  async loadPlans(keep?: string): Promise<Loaded<{ value: string; text: string }[]>> {
    const read = await this.read<{ plans: PlanListItem[] }>(this.api.call(ROUTE_PATHS.plans, {}));
    if (!read.ok) return read;
    const choices = planChoices(read.value.plans);
    const wanted = keep ?? this.plan;
    this.plan = choices.some((c) => c.value === wanted) ? wanted : (choices[0]?.value ?? '');
    return { ok: true, value: choices };
  }

  /** The chosen plan's periods; the current one (as the server sees it, Vietnam time) chosen. */
  async loadPeriods(): Promise<Loaded<{ value: string; text: string }[]>> {
    if (!this.plan) {
      this.period = '';
      return { ok: true, value: [] };
    }
    const read = await this.read<{ periods: { id: string; state: string }[]; current: string | null }>(
      this.api.call(ROUTE_PATHS.periods, { plan: this.plan }),
    );
    if (!read.ok) return read;
    this.period = read.value.current ?? read.value.periods.at(-1)?.id ?? '';
    return { ok: true, value: periodChoices(read.value.periods) };
  }

  get scope() {
    return { plan: this.plan, period: this.period };
  }

  async loadStatus(): Promise<Loaded<PeriodStatus | null>> {
    if (!this.plan || !this.period) {
      this.status = null;
      return { ok: true, value: null };
    }
    const read = await this.read<PeriodStatus>(this.api.call(ROUTE_PATHS.status, this.scope));
    if (read.ok) this.status = read.value;
    return read;
  }

  rows(): StatusRow[] {
    return this.status ? statusRows(this.status, this.filter, this.byName) : [];
  }

  async openSubmission(submissionId: string): Promise<Loaded<SubmissionAnswer>> {
    const read = await this.read<SubmissionAnswer>(
      this.api.call(ROUTE_PATHS.submission, { ...this.scope, submissionId }),
    );
    if (read.ok) this.viewing = read.value;
    return read;
  }

  /** Accept or return the version being viewed; the comments of tasks left empty are not sent. */
  async review(
    decision: 'accept' | 'return',
    comment: string,
    comments: { taskId: string; text: string }[],
    resubmitBy: string,
  ): Promise<Loaded<unknown>> {
    if (!this.viewing) return { ok: false, message: 'Chưa chọn báo cáo. / No report chosen.' };
    const body: Record<string, unknown> = {
      decision,
      comment: comment.trim(),
      comments: comments.map((c) => ({ ...c, text: c.text.trim() })).filter((c) => c.text),
    };
    if (resubmitBy) body.resubmitBy = resubmitBy;
    return this.read(
      this.api.send(ROUTE_PATHS.review, { ...this.scope, submissionId: this.viewing.submission.submissionId }, body),
    );
  }

  async remindersOn(on: string): Promise<Loaded<{ sends: string; items: string[] }>> {
    const read = await this.read<RemindersPreview>(this.api.call(ROUTE_PATHS.remindersPreview, {}, {}, { on }));
    return read.ok ? { ok: true, value: reminderLines(read.value) } : read;
  }
}

// The city page's state without a browser: CityState over a fake API, fed with what the real service answers (its
// plans, periods, status and one report version); and the page's script, built from TypeScript, proven to take its
// words and dates from shared/.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCityScript } from '../../../server/http/page/city-page.ts';
import {
  CityState,
  deadlineText,
  PageApi,
  statusRows,
  submissionView,
  type PeriodStatus,
  type SubmissionAnswer,
} from '../../../server/http/page/city-state.ts';
import { auditLine, PAGE, PlanReview, type PlanSummary } from '../../../server/http/page/plans-state.ts';
import { API_BASE, pathOf, ROUTES } from '../../../shared/api/routes.ts';
import { vietnameseDate, vietnameseDateTime } from '../../../shared/domain/period.ts';
import { LATE, MISSING, ON_TIME, REVIEW_LABELS, SOURCE_LABELS, SUBMITTED } from '../../../shared/master/master-rows.ts';
import { STATUS_LABELS } from '../../../shared/workbook/spec.ts';
import { reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { filledGrid, seedModel } from '../../helpers/workbooks.ts';

let s: TestServer;
/** What the real service answered, by "METHOD path": the fake API answers the same. */
const real = new Map<string, { status: number; body: unknown }>();
let status: PeriodStatus;
let submissionId: string;

beforeAll(async () => {
  s = await startServer({ now: '2026-12-10T03:00:00Z' });
  const submit = (agency: string) =>
    s.api('/plans/kh-2023/periods/2026-Y/reports', {
      code: s.codes.agencies[agency],
      ...reportBody(filledGrid(seedModel(agency, '2026-Y'))),
    });
  await submit('phong-noi-vu');
  s.setNow('2026-12-15T02:00:00Z');
  submissionId = (await (await submit('phuong-1')).json()).submissionId;
  s.setNow('2026-12-10T03:00:00Z');
  const scope = { plan: 'kh-2023', period: '2026-Y' };
  for (const path of [
    pathOf(ROUTES.plans, {}),
    pathOf(ROUTES.periods, { plan: 'kh-2023' }),
    pathOf(ROUTES.status, scope),
    pathOf(ROUTES.submission, { ...scope, submissionId }),
  ]) {
    const res = await s.api(path, { code: s.codes.admin });
    real.set(`GET ${API_BASE}${path}`, { status: res.status, body: await res.json() });
  }
  status = real.get(`GET ${API_BASE}${pathOf(ROUTES.status, scope)}`)!.body as PeriodStatus;
}, 60_000);
afterAll(async () => {
  await s?.close();
});

/** The service as the page sees it: the real answers above, scripted ones on top; every call written down. */
function fakeApi(scripted: Record<string, { status: number; body: unknown }> = {}) {
  const calls: { key: string; auth: string | null; body: unknown }[] = [];
  const fetcher = async (url: string, init: RequestInit = {}) => {
    const key = `${init.method ?? 'GET'} ${url}`;
    calls.push({
      key,
      auth: new Headers(init.headers).get('authorization'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
    });
    const answer = scripted[key] ?? real.get(key) ?? { status: 404, body: { title: `Không có ${key}. / Not found.` } };
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { api: new PageApi(() => 'ma-thu', fetcher), calls };
}

describe('the city page state over a fake API', () => {
  it("chooses the plan, the server's current period and loads its status, calling the paths of the route table", async () => {
    const { api, calls } = fakeApi();
    const state = new CityState(api);
    const plans = await state.loadPlans();
    expect(plans.ok && plans.value.map((c) => c.value)).toEqual(['kh-2023']);
    expect(state.plan).toBe('kh-2023');
    const periods = await state.loadPeriods();
    expect(periods.ok && periods.value.find((p) => p.value === '2026-Y')?.text).toBe('2026-Y (đang mở)');
    expect(state.period).toBe('2026-Y');
    expect((await state.loadStatus()).ok).toBe(true);
    expect(state.rows()).toHaveLength(35);
    expect(calls.map((c) => c.key)).toEqual([
      `GET ${API_BASE}${pathOf(ROUTES.plans, {})}`,
      `GET ${API_BASE}${pathOf(ROUTES.periods, { plan: 'kh-2023' })}`,
      `GET ${API_BASE}${pathOf(ROUTES.status, { plan: 'kh-2023', period: '2026-Y' })}`,
    ]);
    expect(calls.every((c) => c.auth === 'Bearer ma-thu')).toBe(true);
  });

  it('writes each row in the words and dates of shared/, filtered and sorted as asked', () => {
    const rows = statusRows(status, 'all', false);
    const byId = (id: string) => rows.find((r) => r.agencyId === id)!;
    const late = status.agencies.find((a) => a.agencyId === 'phuong-1')!;
    expect(byId('phuong-1').className).toBe('late');
    expect(byId('phuong-1').cells).toEqual([
      late.agencyName,
      late.group,
      SUBMITTED,
      '1',
      vietnameseDateTime(late.receivedAt!),
      LATE,
      SOURCE_LABELS[late.source!],
      REVIEW_LABELS.awaiting,
    ]);
    expect(byId('phong-noi-vu').cells[5]).toBe(ON_TIME);
    expect(byId('phuong-2').cells.slice(2, 4)).toEqual([MISSING, '']);
    expect(statusRows(status, 'missing', false)).toHaveLength(33);
    expect(statusRows(status, 'late', false).map((r) => r.agencyId)).toEqual(['phuong-1']);
    expect(statusRows(status, 'awaiting', false)).toHaveLength(2);
    const names = statusRows(status, 'all', true).map((r) => r.cells[0]!);
    expect(names.indexOf('Phường 2')).toBeLessThan(names.indexOf('Phường 10'));
  });

  it('counts down to the due day, written as shared/ writes a date', () => {
    expect(deadlineText({ id: '2026-Y', dueBefore: '2026-12-15', daysLeft: 5 })).toEqual({
      text: `Còn 5 ngày đến hạn nộp (trước ${vietnameseDate('2026-12-15')})`,
      overdue: false,
    });
    expect(deadlineText({ id: '2026-Y', dueBefore: '2026-12-15', daysLeft: -2 }).text).toBe(
      'Đã quá hạn 2 ngày (hạn trước 15/12/2026)',
    );
  });

  it("opens a report version and shows its tasks in the workbook's status words, changed cells marked", async () => {
    const { api } = fakeApi();
    const state = new CityState(api);
    state.plan = 'kh-2023';
    state.period = '2026-Y';
    const opened = await state.openSubmission(submissionId);
    expect(opened.ok).toBe(true);
    const answer = state.viewing!;
    const view = submissionView(answer);
    expect(view.heading).toBe(`Phường 1 — lần 1 (${vietnameseDateTime(answer.submission.receivedAt)})`);
    expect(view.state).toBe(REVIEW_LABELS.awaiting);
    const first = answer.report.tasks[0]!;
    expect(view.tasks[0]!.cells[2]!.text).toBe(STATUS_LABELS[first.status as keyof typeof STATUS_LABELS]);
    expect(view.tasks.flatMap((t) => t.cells).some((c) => c.changed)).toBe(false);
    // A previous version whose first task read otherwise: that cell is marked, and the state says which version.
    const before: SubmissionAnswer = {
      ...answer,
      previous: { version: 1, report: { tasks: [{ ...first, results: 'khác' }] } },
    };
    const compared = submissionView(before);
    expect(compared.tasks[0]!.cells.map((c) => c.changed)).toEqual([false, false, false, false, true]);
    expect(compared.state).toContain('so với lần 1');
  });

  it('sends a review to its route with the comments written, and says the problem when refused', async () => {
    const scope = { plan: 'kh-2023', period: '2026-Y' };
    const reviewKey = `POST ${API_BASE}${pathOf(ROUTES.review, { ...scope, submissionId })}`;
    const { api, calls } = fakeApi({
      [reviewKey]: { status: 400, body: { title: 'Dữ liệu không hợp lệ ở trường "comment". / Invalid request.' } },
    });
    const state = new CityState(api);
    Object.assign(state, scope);
    await state.openSubmission(submissionId);
    const sent = await state.review(
      'return',
      '  ',
      [
        { taskId: 'NV1', text: ' Nêu số buổi. ' },
        { taskId: 'NV2', text: ' ' },
      ],
      '',
    );
    expect(sent).toEqual({ ok: false, message: 'Dữ liệu không hợp lệ ở trường "comment". / Invalid request.' });
    expect(calls.at(-1)).toMatchObject({
      key: reviewKey,
      body: { decision: 'return', comment: '', comments: [{ taskId: 'NV1', text: 'Nêu số buổi.' }] },
    });
  });

  it('asks the reminders of a day with its date in the query', async () => {
    const key = `GET ${API_BASE}${pathOf(ROUTES.remindersPreview, {}, { on: '2026-12-11' })}`;
    const { api } = fakeApi({
      [key]: {
        status: 200,
        body: {
          sends: false,
          reminders: [{ agencyName: 'Phường 3', planId: 'kh-2023', periodId: '2026-Y', kind: 'before-1', to: [] }],
          digest: { to: [] },
        },
      },
    });
    const loaded = await new CityState(api).remindersOn('2026-12-11');
    expect(loaded.ok && loaded.value.items).toEqual(['Phường 3 — kh-2023, kỳ 2026-Y: còn 1 ngày → (chưa có địa chỉ)']);
  });
});

describe('the plans section state over a fake API', () => {
  const summary = (planId: string) => ({ planId, summary: { directoryId: 'vung-tau-2023' } }) as PlanSummary;
  /** A section of `total` items served a page at a time, as the service does. */
  const sectionKey = (offset: number) =>
    `GET ${API_BASE}${pathOf(ROUTES.planSection, { plan: 'kh-lon', section: 'tasks' }, { offset: String(offset), limit: String(PAGE) })}`;
  const pages = (total: number) =>
    Object.fromEntries(
      Array.from({ length: Math.ceil(total / PAGE) }, (_, i) => [
        sectionKey(i * PAGE),
        {
          status: 200,
          body: {
            total,
            items: Array.from({ length: Math.min(PAGE, total - i * PAGE) }, (_, j) => ({
              id: `NV${i * PAGE + j + 1}`,
            })),
            issues: [{ at: { subject: `NV${i * PAGE + 1}` } }],
          },
        },
      ]),
    );

  it('reads a section page by page until it has them all, with their issues', async () => {
    const { api, calls } = fakeApi(pages(1200));
    const review = new PlanReview(api);
    const read = await review.section<{ id: string }>('kh-lon', 'tasks', review.begin(summary('kh-lon')));
    expect(read && 'items' in read && read.items.map((x) => x.id)).toEqual(
      Array.from({ length: 1200 }, (_, i) => `NV${i + 1}`),
    );
    expect(read && 'issues' in read && read.issues).toHaveLength(3);
    expect(calls.map((c) => c.key)).toEqual([sectionKey(0), sectionKey(500), sectionKey(1000)]);
  });

  it('drops what an older review reads once a later one began, and says a refusal', async () => {
    const { api, calls } = fakeApi({
      ...pages(1200),
      [sectionKey(0).replace('kh-lon', 'kh-sai')]: {
        status: 404,
        body: { title: 'Không có kế hoạch kh-sai. / No plan kh-sai.' },
      },
    });
    const review = new PlanReview(api);
    const first = review.begin(summary('kh-lon'));
    const reading = review.section('kh-lon', 'tasks', first);
    review.begin(summary('kh-khac'));
    expect(await reading).toBeNull();
    expect(calls).toHaveLength(1); // no page asked after the first answer came too late
    expect(await review.section('kh-sai', 'tasks', review.begin(summary('kh-sai')))).toEqual({
      problem: 'Không có kế hoạch kh-sai. / No plan kh-sai.',
    });
  });

  it("asks the directory once, maps a task's names to its ids, and writes an audit entry in shared/ time", async () => {
    const directoryKey = `GET ${API_BASE}${pathOf(ROUTES.directory, { id: 'vung-tau-2023' })}`;
    const { api, calls } = fakeApi({
      [directoryKey]: {
        status: 200,
        body: {
          id: 'vung-tau-2023',
          groups: [],
          agencies: [
            { id: 'phuong-1', name: 'Phường 1' },
            { id: 'so-tu-phap', name: 'Sở Tư pháp' },
          ],
        },
      },
    });
    const review = new PlanReview(api);
    await review.loadDirectory('vung-tau-2023');
    await review.loadDirectory('vung-tau-2023');
    expect(calls).toHaveLength(1);
    expect(review.idsOf(['Sở Tư pháp', 'Ban lạ', 'Phường 1'])).toEqual(['so-tu-phap', 'phuong-1']);
    expect(
      auditLine({ at: '2026-12-10T03:00:00.000Z', actor: 'Lan', action: 'plan.publish', subject: 'kh-2023' }),
    ).toBe(`${vietnameseDateTime('2026-12-10T03:00:00.000Z')} — Lan: Ban hành (kh-2023)`);
  });
});

describe('the page script built from TypeScript', () => {
  /** The bundle's text, its \uXXXX escapes (esbuild writes ASCII) read back as the characters they stand for. */
  const text = (bundle: Buffer) =>
    bundle
      .toString()
      .replace(/\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/g, (_, u?: string, x?: string) =>
        String.fromCharCode(parseInt(u ?? x!, 16)),
      );
  /** The page built with one shared/ file changed as a test would: the change must show in the bundle. */
  const buildWith = (file: string, from: string, to: string) =>
    buildCityScript({
      minify: false,
      plugins: [
        {
          name: 'change-shared',
          setup(build) {
            build.onLoad({ filter: new RegExp(`${file.replace(/[/.]/g, '\\$&')}$`) }, (args) => {
              const text = readFileSync(args.path, 'utf8');
              expect(text).toContain(from);
              return { contents: text.replace(from, to), loader: 'ts' };
            });
          },
        },
      ],
    });

  it("shows the review and submission words of shared/: a label changed there is the page's, and no copy of the old one is left", async () => {
    const plain = text(await buildCityScript({ minify: false }));
    expect(plain).toContain(REVIEW_LABELS.awaiting);
    const changed = text(
      await buildWith('shared/master/master-rows.ts', "awaiting: 'Chờ xem xét'", "awaiting: 'CHỜ-XEM-XÉT-THỬ'"),
    );
    expect(changed).toContain('CHỜ-XEM-XÉT-THỬ');
    expect(changed).not.toContain('Chờ xem xét');
    const words = text(
      await buildWith('shared/master/master-rows.ts', "export const LATE = 'Trễ hạn'", "export const LATE = 'TRỄ-THỬ'"),
    );
    expect(words).toContain('TRỄ-THỬ');
    expect(words).not.toContain("'Trễ hạn'");
  });

  it('writes dates and times with the functions of shared/domain/period.ts, and formats none of its own', async () => {
    const plain = text(await buildCityScript({ minify: false }));
    expect(plain).not.toMatch(/toLocaleString|toLocaleDateString|dateStyle|Intl\.DateTimeFormat/);
    const changed = text(
      await buildWith(
        'shared/domain/period.ts',
        'export function vietnameseDate(iso: string): string {\n',
        'export function vietnameseDate(iso: string): string {\n  if (iso) return `NGÀY-THỬ ${iso}`;\n',
      ),
    );
    expect(changed).toContain('NGÀY-THỬ');
    const times = text(
      await buildWith(
        'shared/domain/period.ts',
        'export function vietnameseDateTime(iso: string): string {\n',
        'export function vietnameseDateTime(iso: string): string {\n  if (iso) return `GIỜ-THỬ ${iso}`;\n',
      ),
    );
    expect(times).toContain('GIỜ-THỬ');
  });

  it('calls the API only through the route table: no path of its own', async () => {
    const plain = text(await buildCityScript({ minify: false }));
    for (const route of Object.values(ROUTES)) {
      // Each path is in the bundle as often as the table has it (GET and POST of one path are two entries), no more.
      const entries = Object.values(ROUTES).filter((r) => r.path === route.path).length;
      expect(
        plain.split(`"${route.path}"`).length + plain.split(`\`${route.path}\``).length - 2,
        route.path,
      ).toBeLessThanOrEqual(entries);
    }
    expect(plain).not.toMatch(/["'`]\/api\/v1\//);
    // The table's paths come without its schemas: no zod in the page.
    expect(plain).not.toContain('ZodError');
    // A path written by hand ('/plans/' + id, `/plans/${id}`) rather than the table's '/plans/:plan'.
    expect(plain).not.toMatch(/["'`]\/(plans|accounts|agencies|directories|audit|reminders)\/(?!:|preview["'`])/);
  });
});

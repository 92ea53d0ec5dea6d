// Several plans against the real service: import (the seed as .txt, a .docx of our own with an unknown agency
// and an item without a lead), review, correct, publish; an agency with duties in both plans reports on each,
// and each plan's master holds only its own reports.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodFromId } from '../../../shared/domain/period.ts';
import type { Plan } from '../../../shared/domain/plan.ts';
import type { Grid } from '../../../shared/workbook/grid.ts';
import { TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { buildTemplateModel } from '../../../shared/workbook/template-model.ts';
import { readXlsx } from '../../../server/workbook/xlsx-reader.ts';
import { SEED_PATH } from '../../helpers/plans.ts';
import { SECOND_PLAN_ID, secondPlanDocx } from '../../helpers/second-plan.ts';
import { jsonBody, reportBody, startServer, type TestServer } from '../../helpers/server.ts';
import { DIRECTORY, filledGrid, setCell } from '../../helpers/workbooks.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const UNKNOWN = 'Trung tâm Dịch vụ số thành phố';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ config: { masterDelayMs: 10 } });
});
afterAll(async () => {
  await s.close();
});

const admin = (init: RequestInit = {}) => ({ code: s.codes.admin, ...init });
const patch = (body: unknown) => admin({ ...jsonBody(body), method: 'PATCH' });
const codeOf = (agency: string) => JSON.parse(readFileSync(s.ctx.codesPath, 'utf8')).agencies[agency] as string;

/** Every item of one section of a plan, page by page. */
async function section<T>(planId: string, name: string, query = ''): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = (await (
      await s.api(`/plans/${planId}/sections/${name}?offset=${offset}&limit=500${query}`, admin())
    ).json()) as { total: number; items: T[] };
    items.push(...page.items);
    if (items.length >= page.total) return items;
  }
}

/** The plan the service serves, put together from its summary and its sections. */
async function planOf(planId: string): Promise<Plan> {
  const body = (await (await s.api(`/plans/${planId}`, admin())).json()) as {
    plan: Pick<Plan, 'plan' | 'reporting' | 'recipients' | 'directoryId'>;
  };
  const [targets, focusTasks, tasks, assignments] = await Promise.all([
    section<Plan['targets'][number]>(planId, 'targets'),
    section<Plan['focusTasks'][number]>(planId, 'focus-tasks'),
    section<Plan['tasks'][number]>(planId, 'tasks'),
    section<Plan['assignments'][number]>(planId, 'assignments'),
  ]);
  return { ...body.plan, targets, focusTasks, tasks, assignments };
}

/** A filled grid of an agency's workbook of a plan, built from the plan the service serves. */
async function filledFor(planId: string, agencyId: string, note: string): Promise<Grid> {
  const plan = await planOf(planId);
  const period = periodFromId('2026-Y', plan.reporting);
  if (!period.ok) throw new Error(period.reason);
  const grid = filledGrid(
    buildTemplateModel(plan, DIRECTORY.byId(agencyId)!, period.period, '2026-11-25T03:00:00.000Z', undefined, planId),
  );
  setCell(grid, TASKS_SHEET, TASKS_SHEET.headerRow + 1, 'results', note);
  return grid;
}

async function importDocx() {
  const form = new FormData();
  form.append('file', new Blob([secondPlanDocx()], { type: DOCX }), 'ke-hoach-45.docx');
  return s.api('/plans', admin({ method: 'POST', body: form }));
}

describe('importing, reviewing, correcting and publishing a plan', () => {
  it('imports the seed as .txt (raw body) as a usable draft beside the published seed', async () => {
    const res = await s.api(
      '/plans',
      admin({
        method: 'POST',
        body: readFileSync(SEED_PATH),
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      }),
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ planId: 'kh-2023-2', state: 'draft', usable: true });
    expect(body.counts).toMatchObject({ tasks: 9, targets: 8, measures: 10 });
    expect(await section(body.planId, 'tasks')).toHaveLength(9);
    const list = await (await s.api('/plans', admin())).json();
    expect(list.plans.map((p: { id: string; state: string }) => `${p.id}:${p.state}`)).toEqual([
      'kh-2023:published',
      'kh-2023-2:draft',
    ]);
  });

  it('reads a .docx with an unknown agency and an item without a lead, and says so where they are', async () => {
    const res = await importDocx();
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ planId: SECOND_PLAN_ID, state: 'draft', usable: false });
    const errors = body.issues.filter((i: { severity: string }) => i.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'agency-unknown',
        at: { line: 14, where: 'line 14', subject: 'NV1' },
        params: expect.objectContaining({ name: UNKNOWN }),
        message: {
          vi: `Không có cơ quan "${UNKNOWN}" (NV1) trong danh bạ vung-tau-2023.`,
          en: `No agency "${UNKNOWN}" (NV1) in the directory vung-tau-2023.`,
        },
      }),
      expect.objectContaining({
        code: 'task-without-lead',
        at: expect.objectContaining({ subject: 'NV3', where: 'line 19' }),
      }),
    ]);
    const refused = await s.api(`/plans/${SECOND_PLAN_ID}/publish`, admin({ method: 'POST' }));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      code: 'plan-has-blocking-issues',
      issues: [
        expect.objectContaining({ code: 'agency-unknown' }),
        expect.objectContaining({ code: 'task-without-lead' }),
      ],
    });
  });

  it('takes corrections apart from what was read: a name mapped to an agency, the item given a lead', async () => {
    const mapped = await s.api(
      `/plans/${SECOND_PLAN_ID}`,
      patch({ aliases: { [UNKNOWN]: 'phong-van-hoa-thong-tin' } }),
    );
    const afterMap = await mapped.json();
    expect(mapped.status).toBe(200);
    expect(afterMap.issues.map((i: { code: string }) => i.code)).not.toContain('agency-unknown');
    expect(await section(SECOND_PLAN_ID, 'assignments')).toContainEqual(
      expect.objectContaining({ taskId: 'NV1', agencyId: 'phong-van-hoa-thong-tin', role: 'coordinating' }),
    );

    const bad = await s.api(`/plans/${SECOND_PLAN_ID}`, patch({ tasks: { NV3: { lead: ['<script>'] } } }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'bad-payload', field: 'tasks.NV3.lead.0' });

    const fixed = await s.api(
      `/plans/${SECOND_PLAN_ID}`,
      patch({
        tasks: { NV3: { lead: ['phong-noi-vu'], timeframe: 'Quý IV/2025' } },
        measures: { MT1: { comparator: '>', value: 85 } },
      }),
    );
    const body = await fixed.json();
    expect(body).toMatchObject({ usable: true, stale: [] });
    const plan = await planOf(SECOND_PLAN_ID);
    expect(plan.tasks.find((t: { id: string }) => t.id === 'NV3')).toMatchObject({
      lead: ['Phòng Nội vụ'],
      timeframe: { kind: 'quarter', quarter: 4, year: 2025 },
    });
    expect(plan.targets[0]!.measures[0]).toMatchObject({ comparator: '>', value: 85 });
    // What the parser read is kept as it was; the corrections are stored apart.
    const stored = await (await s.api(`/plans/${SECOND_PLAN_ID}`, admin())).json();
    const read = await section<{ id: string; lead: string[] }>(SECOND_PLAN_ID, 'tasks', '&view=read');
    expect(read.find((t) => t.id === 'NV3')!.lead).toEqual([]);
    expect(stored.corrections).toEqual({
      aliases: { [UNKNOWN]: 'phong-van-hoa-thong-tin' },
      tasks: { NV3: { lead: ['phong-noi-vu'], timeframe: 'Quý IV/2025' } },
      measures: { MT1: { comparator: '>', value: 85 } },
    });
  });

  it('shows a correction that no longer applies instead of dropping it', async () => {
    const res = await s.api(`/plans/${SECOND_PLAN_ID}`, patch({ tasks: { NV9: { title: 'Không có nhiệm vụ này' } } }));
    expect((await res.json()).stale).toEqual([
      expect.objectContaining({ kind: 'task', key: 'NV9', reason: 'task-gone' }),
    ]);
    const removed = await (await s.api(`/plans/${SECOND_PLAN_ID}`, patch({ tasks: { NV9: null } }))).json();
    expect(removed.stale).toEqual([]);
  });

  it("publishes: this year's periods open, agencies new to the service get codes", async () => {
    const res = await s.api(`/plans/${SECOND_PLAN_ID}/publish`, admin({ method: 'POST' }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ state: 'published', openedPeriods: ['2026-H1', '2026-Y'], newCodes: [] });
    const periods = await (await s.api(`/plans/${SECOND_PLAN_ID}/periods`, admin())).json();
    expect(periods).toMatchObject({ current: '2026-Y' });
    expect((await s.api(`/plans/${SECOND_PLAN_ID}/publish`, admin({ method: 'POST' }))).status).toBe(409);
  });
});

describe('an agency with duties in both plans', () => {
  it('sees both in /me, soonest due first, and reports on each; each master holds only its own reports', async () => {
    const code = codeOf('phong-noi-vu');
    const me = await (await s.api('/me', { code })).json();
    expect(
      me.duties.map((d: { plan: { id: string }; period: { id: string } }) => `${d.plan.id}/${d.period.id}`),
    ).toEqual(['kh-2023/2026-Y', `${SECOND_PLAN_ID}/2026-Y`]);
    const second = me.duties[1];
    expect(
      second.tasks
        .filter((t: { role: string }) => t.role !== 'focus')
        .map((t: { taskId: string; role: string }) => `${t.taskId}:${t.role}`),
    ).toEqual(['NV1:lead', 'NV3:lead', 'NV4:lead']);

    for (const planId of ['kh-2023', SECOND_PLAN_ID]) {
      const template = await s.api(`/plans/${planId}/periods/2026-Y/template.xlsx`, { code });
      expect(template.status).toBe(200);
      const read = readXlsx(new Uint8Array(await template.arrayBuffer()));
      expect(read.ok && read.grid._meta!.find((r) => r[0] === 'planId')?.[1]).toBe(planId);
    }
    const first = await filledFor('kh-2023', 'phong-noi-vu', 'Báo cáo cho kế hoạch hạt giống');
    const other = await filledFor(SECOND_PLAN_ID, 'phong-noi-vu', 'Báo cáo cho kế hoạch chuyển đổi số');
    expect((await s.api('/plans/kh-2023/periods/2026-Y/reports', { code, ...reportBody(first) })).status).toBe(201);
    expect(
      (await s.api(`/plans/${SECOND_PLAN_ID}/periods/2026-Y/reports`, { code, ...reportBody(other) })).status,
    ).toBe(201);

    // A workbook of the other plan is refused by name.
    const crossed = await s.api(`/plans/${SECOND_PLAN_ID}/periods/2026-Y/reports`, { code, ...reportBody(first) });
    expect(crossed.status).toBe(409);
    const problem = await crossed.json();
    expect(problem.issues[0]).toMatchObject({
      code: 'plan-mismatch',
      message: {
        en: 'This workbook belongs to Kế hoạch "Thực hiện Kế hoạch số 256-KH/TU ngày 18 tháng 4 năm 2023 của Thành ủy Vũng Tàu v", not to this plan.',
      },
    });

    await s.ctx.master.settled();
    for (const [planId, own, foreign] of [
      ['kh-2023', 'hạt giống', 'chuyển đổi số'],
      [SECOND_PLAN_ID, 'chuyển đổi số', 'hạt giống'],
    ] as const) {
      const res = await s.api(`/plans/${planId}/periods/2026-Y/master.xlsx`, admin());
      const read = readXlsx(new Uint8Array(await res.arrayBuffer()));
      if (!read.ok) throw new Error(read.error.code);
      const texts = read.grid['Nhiệm vụ']!.flat().filter((v): v is string => typeof v === 'string');
      expect(texts.some((t) => t.includes(`Báo cáo cho kế hoạch ${own}`))).toBe(true);
      expect(texts.some((t) => t.includes(`Báo cáo cho kế hoạch ${foreign}`))).toBe(false);
    }
    const status = await (await s.api(`/plans/${SECOND_PLAN_ID}/periods/2026-Y/status`, admin())).json();
    expect(status.counts).toMatchObject({ submitted: 1 });
    expect(status.agencies.length).toBeLessThan(35);
  });

  it('a corrected published plan supersedes the old one: older workbooks are outdated, not foreign', async () => {
    const code = codeOf('phong-noi-vu');
    const old = await filledFor(SECOND_PLAN_ID, 'phong-noi-vu', 'Bản theo phiên bản cũ');
    const res = await s.api(
      `/plans/${SECOND_PLAN_ID}`,
      patch({ tasks: { NV1: { title: 'Triển khai hệ thống quản lý văn bản và hồ sơ công việc mới' } } }),
    );
    expect(res.status).toBe(200);
    const refused = await s.api(`/plans/${SECOND_PLAN_ID}/periods/2026-Y/reports`, { code, ...reportBody(old) });
    expect(refused.status).toBe(409);
    expect((await refused.json()).issues.map((i: { code: string }) => i.code)).toContain('template-outdated');
    // A correction that would block a published plan is refused, and the plan stays as it was.
    const blocking = await s.api(`/plans/${SECOND_PLAN_ID}`, patch({ aliases: { [UNKNOWN]: null } }));
    expect(blocking.status).toBe(409);
  });

  it('keeps an audit log of who did what', async () => {
    const { entries } = await (await s.api(`/audit?plan=${SECOND_PLAN_ID}`, admin())).json();
    expect(entries.map((e: { action: string }) => e.action).reverse()).toEqual([
      'plan.import',
      'plan.correct',
      'plan.correct',
      'plan.correct',
      'plan.correct',
      'plan.publish',
      'plan.supersede',
    ]);
    expect(entries.every((e: { actor: string }) => e.actor === 'Quản trị (mã đầu tiên)')).toBe(true);
    const publish = entries.find((e: { action: string }) => e.action === 'plan.publish');
    expect(publish).toMatchObject({ before: { state: 'draft' }, after: { state: 'published' } });
  });

  it("an archived plan takes no more reports and leaves the agency's duties", async () => {
    expect((await s.api(`/plans/${SECOND_PLAN_ID}/archive`, admin({ method: 'POST' }))).status).toBe(200);
    const code = codeOf('phong-noi-vu');
    const grid = await filledFor(SECOND_PLAN_ID, 'phong-noi-vu', 'Sau khi lưu trữ');
    const res = await s.api(`/plans/${SECOND_PLAN_ID}/periods/2026-Y/reports`, { code, ...reportBody(grid) });
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('plan-archived');
    expect((await (await s.api('/me', { code })).json()).duties).toHaveLength(1);
    // Its status and master stay readable.
    expect((await s.api(`/plans/${SECOND_PLAN_ID}/periods/2026-Y/status`, admin())).status).toBe(200);
  });

  it('refuses what is not a plan document, and drafts have no periods yet', async () => {
    const bad = await s.api(
      '/plans',
      admin({
        method: 'POST',
        body: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
        headers: { 'Content-Type': DOCX },
      }),
    );
    expect(bad.status).toBe(422);
    expect((await bad.json()).code).toBe('plan-unreadable');
    expect((await s.api('/plans/kh-2023-2/periods', admin())).status).toBe(409);
    expect((await s.api('/plans/khong-co/periods', admin())).status).toBe(404);
    expect((await s.api('/plans', { code: codeOf('phuong-1') })).status).toBe(403);
  });
});

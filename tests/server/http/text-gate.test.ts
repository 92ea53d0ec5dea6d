// Text that enters through a correction and leaves through every writer: the template an agency fills, the Decree-30
// report (.docx) and the master. One gate on the way in (what XML cannot hold and DEL dropped, new lines LF, NFC), so
// what is stored is exactly what is written and read back; Excel's `_xHHHH_` escapes decoded on read, encoded on write.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanXml } from '../../../shared/xlsx/xml-scan.ts';
import { TASKS_SHEET } from '../../../shared/workbook/spec.ts';
import { planKey } from '../../../shared/workbook/template-model.ts';
import { readXlsx } from '../../../server/workbook/xlsx-reader.ts';
import { filledAsExcelWrites } from '../../helpers/excel-bytes.ts';
import { fillXlsx, PYTHON, type Fill } from '../../helpers/openpyxl.ts';
import { SEED_PATH } from '../../helpers/plans.ts';
import { jsonBody, startServer, type TestServer } from '../../helpers/server.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TOOL = new URL('../../helpers/docx_tool.py', import.meta.url).pathname;
const LEAD = 'phong-tu-phap'; // the lead agency of NV8 in the seed plan
const FORBIDDEN = new RegExp(String.raw`[\uFFFE\uFFFF\u0000-\u0008\u000B\u000C\u000E-\u001F]`);
const UNCLEAN = new RegExp(String.raw`[\u0000-\u0008\u000B-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]`);
const dir = mkdtempSync(join(tmpdir(), 'text-gate-'));

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ config: { masterDelayMs: 10 } });
});
afterAll(async () => {
  await s?.close();
});

const admin = (init: RequestInit = {}) => ({ code: s.codes.admin, ...init });
/** A plan's tasks as the service holds them now (its tasks section, one page). */
const tasksOf = async (planId: string): Promise<{ id: string; title: string }[]> =>
  (await (await s.api(`/plans/${planId}/sections/tasks?limit=500`, admin())).json()).items;
const setTitle = async (title: string) => {
  const res = await s.api('/plans/kh-2023', admin({ ...jsonBody({ tasks: { NV8: { title } } }), method: 'PATCH' }));
  expect(res.status).toBe(200);
  return (await tasksOf('kh-2023')).find((t) => t.id === 'NV8')!.title;
};
const templateBytes = async () => {
  const res = await s.api('/plans/kh-2023/periods/2026-Y/template.xlsx', { code: s.codes.agencies[LEAD]! });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};
const taskRows = (template: Uint8Array) => {
  const read = readXlsx(template);
  if (!read.ok) throw new Error(read.error.code);
  return read.grid[TASKS_SHEET.name]!.map((r, i) => (i >= TASKS_SHEET.headerRow && r[0] ? i + 1 : 0)).filter(
    (r) => r > 0,
  );
};
const upload = (body: Uint8Array) =>
  s.api('/plans/kh-2023/periods/2026-Y/workbooks', {
    code: s.codes.agencies[LEAD]!,
    method: 'POST',
    body,
    headers: { 'Content-Type': XLSX },
  });

/** The template filled by openpyxl (every task row given a status and a result, the first row `results`), then uploaded. */
async function submitFilledByOpenpyxl(template: Uint8Array, results: string) {
  const rows = taskRows(template);
  const src = join(dir, `${Math.random()}.xlsx`);
  const dst = `${src}.filled.xlsx`;
  writeFileSync(src, template);
  fillXlsx(
    src,
    dst,
    rows.flatMap((r, i): Fill[] => [
      [TASKS_SHEET.name, `E${r}`, 'Đang thực hiện'],
      [TASKS_SHEET.name, `G${r}`, i === 0 ? results : 'Đã làm'],
    ]),
  );
  return upload(readFileSync(dst));
}

/** The template filled as Excel saves it (see tests/helpers/excel-bytes.ts), then uploaded. */
const submitFilledAsExcelWrites = (template: Uint8Array, xstring: string) =>
  upload(filledAsExcelWrites(template, taskRows(template), xstring));
const latestReport = async () =>
  (await s.ctx.store.report((await s.ctx.store.history('kh-2023', '2026-Y', LEAD)).at(-1)!.submissionId))!;
const parts = (bytes: Uint8Array) =>
  Object.entries(unzipSync(bytes))
    .filter(([n]) => n.endsWith('.xml'))
    .map(([n, b]) => [n, strFromU8(b)] as const);

describe('a task title of control characters and non-characters (item 5)', () => {
  it('is stored without what XML cannot hold; report.docx is well-formed and python-docx opens it', async () => {
    expect(await setTitle('x\u0001\u0002\u001b\uffff\ufffe')).toBe('x');
    const res = await s.api('/plans/kh-2023/periods/2026-Y/report.docx', admin());
    expect(res.status).toBe(200);
    const docx = new Uint8Array(await res.arrayBuffer());
    for (const [name, xml] of parts(docx)) scanXml(xml, name, {});
    const path = join(dir, 'report.docx');
    writeFileSync(path, docx);
    const py = spawnSync(PYTHON, [DOCX_TOOL, path], { encoding: 'utf8' });
    expect(py.stderr).toBe('');
    expect((JSON.parse(py.stdout) as { paragraphs: { text: string }[] }).paragraphs.map((p) => p.text)).toContain(
      'NV8. x (Thời gian: Thường xuyên)',
    );
  });

  it("leaves no U+FFFF in the lead agency's template, which that agency can submit filled by openpyxl", async () => {
    await setTitle('x\u0001\u0002\u001b\uffff\ufffe');
    const template = await templateBytes();
    for (const [name, xml] of parts(template)) expect(FORBIDDEN.test(xml), name).toBe(false);
    expect((await submitFilledByOpenpyxl(template, 'Đã làm')).status).toBe(201);
  });
});

describe('a task title with DEL and a CR LF (item 6)', () => {
  it('is stored as it is written and read back: the locked check passes and the agency submits', async () => {
    expect(await setTitle('Rà soát\u007f thủ tục\r\nhành chính\rmới')).toBe('Rà soát thủ tục\nhành chính\nmới');
    const res = await submitFilledByOpenpyxl(await templateBytes(), 'Đã rà soát');
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
    expect((await submitFilledAsExcelWrites(await templateBytes(), 'Đã rà soát lần hai')).status).toBe(201);
  });
});

describe("Excel's escapes through the service (item 9)", () => {
  it('a result Excel wrote as "…_x000D_\\n…" is stored with a new line; a title typed with a literal _x000D_ keeps it everywhere', async () => {
    expect(await setTitle('Gõ _x000D_ nguyên văn')).toBe('Gõ _x000D_ nguyên văn');
    const template = await templateBytes();
    // The generator escapes the literal as Excel does; our reader gives it back as typed.
    expect(parts(template).some(([, xml]) => xml.includes('Gõ _x005F_x000D_ nguyên văn'))).toBe(true);
    const read = readXlsx(template);
    expect(read.ok && read.grid[TASKS_SHEET.name]!.some((r) => r[1] === 'Gõ _x000D_ nguyên văn')).toBe(true);
    // A CR pasted from Word and a control character, as Excel writes them.
    const res = await submitFilledAsExcelWrites(template, 'Đã triển khai_x000D_\n- bước 2_x0001_');
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
    expect((await latestReport()).tasks.map((t) => t.results)).toContain('Đã triển khai\n- bước 2');

    await s.ctx.master.settled();
    const master = new Uint8Array(
      await (await s.api('/plans/kh-2023/periods/2026-Y/master.xlsx', admin())).arrayBuffer(),
    );
    const masterXml = parts(master)
      .map(([, xml]) => xml)
      .join('');
    expect(masterXml).not.toContain('Đã triển khai_x000D_');
    expect(masterXml).toContain('Gõ _x005F_x000D_ nguyên văn');
    const masterRead = readXlsx(master);
    if (!masterRead.ok) throw new Error(masterRead.error.code);
    const texts = Object.values(masterRead.grid).flat(2);
    expect(texts).toContain('Đã triển khai\n- bước 2');
    expect(texts.some((t) => typeof t === 'string' && t.includes('Gõ _x000D_ nguyên văn'))).toBe(true);
  });
});

describe('one gate for every text that enters (item 5)', () => {
  const BAD = '\u0001\u007F\uFFFF\uD800';
  const post = (path: string, body: unknown, method = 'POST') => s.api(path, admin({ ...jsonBody(body), method }));

  it('a plan document (.txt): control characters, DEL and non-characters dropped, new lines LF', async () => {
    const seed = readFileSync(SEED_PATH, 'utf8');
    const dirty = seed
      .replace('Thực hiện công tác kiện toàn', `Thực hiện\u0001\u007F\uFFFE công tác kiện toàn`)
      .replace(/\n/g, '\r\n');
    const res = await s.api(
      '/plans',
      admin({ method: 'POST', body: dirty, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }),
    );
    expect(res.status).toBe(201);
    const titles = (await tasksOf((await res.json()).planId)).map((t) => t.title);
    expect(titles.some((t) => t.startsWith('Thực hiện công tác kiện toàn'))).toBe(true);
    expect(titles.join('').match(UNCLEAN)).toBeNull();
  });

  it('a new agency of the directory, its contacts, an account, a period exception and a review', async () => {
    const agency = await post('/directories/vung-tau-2023/agencies', {
      name: `Trung tâm${BAD} Dịch vụ số`,
      kind: 'public-service-unit',
    });
    expect(agency.status).toBe(201);
    expect((await agency.json()).name).toBe('Trung tâm Dịch vụ số');

    const contacts = await post(
      '/directories/vung-tau-2023/agencies/phong-tu-phap/contacts',
      { contacts: [{ name: `Chị${BAD} Lan`, email: `lan@vungtau.gov.vn${BAD}` }] },
      'PUT',
    );
    expect(contacts.status).toBe(200);
    const directory = await (await s.api('/directories/vung-tau-2023', admin())).json();
    expect(directory.agencies.find((a: { id: string }) => a.id === 'phong-tu-phap').contacts).toEqual([
      { name: 'Chị Lan', email: 'lan@vungtau.gov.vn' },
    ]);

    const account = await post('/accounts', { name: `Kế toán${BAD} trưởng`, role: 'viewer' });
    expect(account.status).toBe(201);
    expect((await account.json()).account.name).toBe('Kế toán trưởng');

    const exception = await post('/plans/kh-2023/periods/2026-Y/exceptions', {
      agencyId: LEAD,
      until: '2026-12-31',
      reason: `Mất điện${BAD}\r\nkéo dài`,
    });
    expect(exception.status).toBe(201);
    expect((await exception.json()).reason).toBe('Mất điện\nkéo dài');

    const submitted = await submitFilledAsExcelWrites(await templateBytes(), 'Đã làm');
    expect(submitted.status).toBe(201);
    const { submissionId } = await submitted.json();
    const review = await post(`/plans/kh-2023/periods/2026-Y/submissions/${submissionId}/review`, {
      decision: 'return',
      comment: `Bổ sung${BAD} số liệu`,
      comments: [{ taskId: 'NV8', text: `Ghi rõ${BAD} kết quả` }],
    });
    expect(review.status).toBe(200);
    expect((await review.json()).review).toMatchObject({
      comment: 'Bổ sung số liệu',
      comments: [{ text: 'Ghi rõ kết quả' }],
    });
  });
});

describe('text stored before the gate existed', () => {
  it('a title the template writer cannot write is a clear 500 naming the cell, and one correction mends it', async () => {
    const stored = (await s.ctx.store.plan('kh-2023'))!;
    const plan = structuredClone(stored.plan);
    plan.tasks.find((t) => t.id === 'NV8')!.title = 'Rà soát\u007f cũ';
    await s.ctx.store.updatePlan('kh-2023', {
      corrections: stored.corrections,
      plan,
      planKey: planKey(plan),
      directoryId: stored.directoryId,
      at: new Date().toISOString(),
    });
    const res = await s.api('/plans/kh-2023/periods/2026-Y/template.xlsx', { code: s.codes.agencies[LEAD]! });
    expect(res.status).toBe(500);
    const problem = await res.json();
    expect(problem.code).toBe('text-unwritable');
    expect(problem.title).toContain(
      'template writer: asked to write U+007F at 8, which would not read back as written in Nhiệm vụ!B',
    );
    expect(s.logs).toContainEqual(expect.objectContaining({ level: 'error', code: 'text-unwritable' }));
    expect(await setTitle('Rà soát\u007f cũ')).toBe('Rà soát cũ');
    expect((await s.api('/plans/kh-2023/periods/2026-Y/template.xlsx', { code: s.codes.agencies[LEAD]! })).status).toBe(
      200,
    );
  });
});

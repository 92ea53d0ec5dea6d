// The problem catalogue: every code words both languages, and no problem in server/ is worded or given a status
// outside it (a scan of the source with TypeScript's own parser).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROBLEMS, wordProblem, type ProblemCode, type ProblemParams } from '../../../shared/api/problems.ts';
import { problem } from '../../../server/http/problem.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;

/** Every code with the values its wording needs, one sample per form of its wording; the compiler wants them all. */
const SAMPLES: { [C in ProblemCode]: ProblemParams<C>[] } = {
  'not-found': [{ method: 'GET', path: '/api/v1/nowhere' }, { file: true }],
  'body-too-large': [undefined, { limit: 2 * 1024 * 1024 }],
  'forbidden-key': [{ key: '__proto__' }],
  'malformed-json': [undefined],
  'malformed-path': [undefined],
  'bad-request': [{ status: 400 }],
  'bad-payload': [
    { body: 'report-json' },
    { body: 'reminder-date' },
    { body: 'report-size', field: 'grid', fault: { vi: 'quá nhiều hàng', en: 'too many rows' } },
    ...(
      [
        'account',
        'contacts',
        'period',
        'review',
        'master-source',
        'exception',
        'correction',
        'agency',
        'report',
      ] as const
    ).map((body) => ({ body, field: 'name', message: 'Invalid input' })),
  ],
  'bad-query': [{ field: 'limit' }],
  'bad-idempotency-key': [undefined],
  'malformed-multipart': [undefined],
  'body-incomplete': [undefined],
  'too-many-files': [undefined],
  'file-missing': [undefined],
  'unsupported-media-type': [
    { workbookType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    { plan: true },
  ],
  'payload-timeout': [{ limitMs: 5000 }],
  'payload-too-complex': [undefined],
  'workbook-empty': [{ code: 'workbook-empty' }],
  'workbook-too-large': [{ code: 'workbook-too-large', bytes: 30 * 1024 * 1024, limit: 20 * 1024 * 1024 }],
  'workbook-encrypted': [{ code: 'workbook-encrypted' }],
  'workbook-xls': [{ code: 'workbook-xls' }],
  'not-a-workbook': [{ code: 'not-a-workbook', detail: 'no worksheets' }],
  'workbook-damaged': [{ code: 'workbook-damaged', part: 'xl/sharedStrings.xml', detail: 'not UTF-8' }],
  'workbook-too-many-cells': [{ code: 'workbook-too-many-cells', limit: 1_000_000 }],
  'workbook-timeout': [{ code: 'workbook-timeout', limitMs: 5000 }],
  'workbook-too-complex': [{ code: 'workbook-too-complex' }],
  'workbook-too-many-elements': [
    { code: 'workbook-too-many-elements', part: 'xl/styles.xml', element: 'xf', limit: 100_000 },
  ],
  'workbook-zip-bomb': [
    { code: 'workbook-zip-bomb', detail: { code: 'too-many-entries', entries: 5000, limit: 1000 } },
  ],
  busy: [
    { scope: 'code', limit: 2, retryAfterS: 3 },
    { scope: 'service', limit: 64, retryAfterS: 1 },
    { scope: 'plans' },
  ],
  unauthenticated: [undefined],
  'bad-access-code': [undefined],
  'too-many-attempts': [{ wait: 30 }],
  'coordinator-only': [undefined],
  'admin-only': [{ need: 'coordinator' }, { need: 'staff' }],
  'agency-only': [undefined],
  'agency-not-in-plan': [undefined, { planId: 'kh-123' }],
  'plan-unknown': [{ id: 'kh-x' }],
  'plan-not-published': [{ id: 'kh-x' }],
  'period-unknown': [{ id: '2026-H1' }],
  'submission-unknown': [{ id: 's-1' }],
  'account-unknown': [{ id: '7' }],
  'agency-unknown': [
    { id: 'so-x', in: 'published' },
    { id: 'so-x', in: 'directory' },
    { id: 'so-x', in: 'plan' },
  ],
  'directory-unknown': [{ id: 'db-x' }, { id: 'db-x', ofPlan: true }],
  'group-unknown': [{ id: 'g-x' }],
  'section-unknown': [{ section: 'x', sections: ['tasks', 'targets'] }],
  'plan-unreadable': [{ message: 'Không đọc được tệp / The file cannot be read' }],
  'plan-too-long': [{ message: 'Kế hoạch quá dài / The plan is too long' }],
  'plan-over-limits': [{ where: 'dòng 3', first: { vi: 'Quá nhiều nhiệm vụ.', en: 'Too many tasks.' } }],
  'title-too-long': [{ field: 'title', chars: 600, limit: 500 }],
  'plan-timeout': [{ limitMs: 10_000 }],
  'plan-too-complex': [undefined],
  'plan-not-draft': [undefined],
  'plan-already-published': [undefined],
  'plan-has-blocking-issues': [{ count: 3 }],
  'plan-archived': [{ refused: 'report' }, { refused: 'period' }, { refused: 'change' }],
  'manifest-needs-https': [{ reason: 'PUBLIC_URL is http' }],
  'period-id-malformed': [{ id: '2026-X9' }],
  'period-kind-not-in-plan': [{ id: '2026-Q1' }],
  'period-year-out-of-range': [{ from: 2025, to: 2027 }],
  'period-has-submissions': [{ id: '2026-H1' }],
  'period-locked': [{ id: '2026-H1' }],
  'workbook-mismatch': [undefined],
  'report-invalid': [undefined],
  'idempotency-key-reused': [undefined],
  'last-coordinator': [undefined],
  'storage-unwritable': [
    { where: '/var/lib/plan-reporting', reason: 'EROFS' },
    { where: null, reason: 'EACCES' },
  ],
  'text-unwritable': [{ message: 'U+0001 at Nhiệm vụ!C7' }],
  internal: [undefined],
};
/** Codes whose words are a message already in both languages (the plan reader's), passed through. */
const PASSED_THROUGH = new Set<ProblemCode>(['plan-unreadable', 'plan-too-long']);
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

describe('the problem catalogue', () => {
  const codes = Object.keys(PROBLEMS) as ProblemCode[];

  it('has a sample for every code and no sample for a code it lacks', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...codes].sort());
    expect(codes.length).toBeGreaterThanOrEqual(60);
  });

  it.each(codes)('words %s in Vietnamese and in English, with an HTTP error status', (code) => {
    for (const params of SAMPLES[code]) {
      const p = (wordProblem as (c: ProblemCode, p: unknown) => ReturnType<typeof wordProblem>)(code, params);
      expect(p.code).toBe(code);
      expect(Number.isInteger(p.status) && p.status >= 400 && p.status <= 599).toBe(true);
      for (const text of [p.vi, p.en]) {
        expect(text.trim().length).toBeGreaterThan(5);
        expect(text).not.toMatch(/undefined|\[object |NaN|\$\{/);
      }
      if (PASSED_THROUGH.has(code)) continue;
      expect(p.vi).toMatch(VIETNAMESE);
      expect(p.vi).not.toBe(p.en);
    }
  });

  it('keeps the statuses that depend on the case', () => {
    expect(wordProblem('busy', { scope: 'code', limit: 2, retryAfterS: 3 }).status).toBe(429);
    expect(wordProblem('busy', { scope: 'service', limit: 2, retryAfterS: 3 }).status).toBe(503);
    expect(wordProblem('directory-unknown', { id: 'x' }).status).toBe(404);
    expect(wordProblem('directory-unknown', { id: 'x', ofPlan: true }).status).toBe(409);
    expect(wordProblem('workbook-too-large', { code: 'workbook-too-large', bytes: 2, limit: 1 }).status).toBe(413);
    expect(wordProblem('workbook-xls', { code: 'workbook-xls' }).status).toBe(422);
    expect(wordProblem('bad-request', { status: 405 }).status).toBe(405);
  });

  it('makes a problem of its code, status and words, Vietnamese first', () => {
    const p = problem('period-locked', { id: '2026-H1' }, { periodId: '2026-H1' });
    expect([p.status, p.code, p.title, p.extra]).toEqual([
      409,
      'period-locked',
      'Kỳ báo cáo 2026-H1 đã khóa; không nhận thêm báo cáo. / The period 2026-H1 is locked; no more reports are accepted.',
      { periodId: '2026-H1' },
    ]);
  });

  it('refuses, at compile time, a problem worded inline or a code it does not know', () => {
    // @ts-expect-error: a status and words are the catalogue's, not the caller's
    expect(() => problem(404, 'x', 'Không có.', 'None.')).toThrow();
    // @ts-expect-error: a code the catalogue lacks
    expect(() => problem('no-such-code')).toThrow();
    // @ts-expect-error: a code whose words need params
    expect(() => problem('plan-unknown')).toThrow();
  });
});

/** Every TypeScript source file under a folder. */
const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));

/** Calls of `problem(…)` not of the catalogue's form, `new HttpProblem(…)` outside problem.ts, and inline {vi, en} words. */
function inlineProblems(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const at = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'problem') {
      const [code] = node.arguments;
      const known =
        code !== undefined && ts.isStringLiteral(code)
          ? Object.hasOwn(PROBLEMS, code.text)
          : code !== undefined && !ts.isNumericLiteral(code);
      if (!known || node.arguments.length > 3)
        found.push(
          `${at(node)} problem(${node.arguments
            .map((a) => a.getText())
            .join(', ')
            .slice(0, 80)})`,
        );
    }
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'HttpProblem' &&
      file !== 'server/http/problem.ts'
    ) {
      found.push(`${at(node)} new HttpProblem`);
    }
    if (ts.isObjectLiteralExpression(node) && file !== 'shared/api/problems.ts') {
      const names = node.properties
        .filter((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name))
        .map((p) => (p.name as ts.Identifier).text);
      if (names.includes('vi') && names.includes('en') && names.includes('status'))
        found.push(`${at(node)} { status, vi, en }`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('problems in the source', () => {
  const files = [...sources('server'), ...sources('shared')];

  it('are all made from the catalogue: no problem in server/ or shared/ has an inline status or wording', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((f) => inlineProblems(f, readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('would catch a problem worded inline, one built by hand and a refusal worded as data', () => {
    const text = [
      "throw problem(404, 'plan-unknown', `Không có kế hoạch ${id}.`, `No plan ${id}.`);",
      "throw problem(code === 'x' ? 413 : 422, code, vi, en);",
      "throw problem('no-such-code');",
      "throw new HttpProblem(400, 'bad', 'Sai. / Wrong.');",
      "return { ok: false, refusal: { status: 422, code: 'payload-timeout', vi: 'Quá lâu.', en: 'Too long.', extra: {} } };",
      "throw problem('plan-unknown', { id });",
    ].join('\n');
    expect(inlineProblems('server/http/x.ts', text)).toEqual([
      "server/http/x.ts:1 problem(404, 'plan-unknown', `Không có kế hoạch ${id}.`, `No plan ${id}.`)",
      "server/http/x.ts:2 problem(code === 'x' ? 413 : 422, code, vi, en)",
      "server/http/x.ts:3 problem('no-such-code')",
      'server/http/x.ts:4 new HttpProblem',
      'server/http/x.ts:5 { status, vi, en }',
    ]);
  });
});

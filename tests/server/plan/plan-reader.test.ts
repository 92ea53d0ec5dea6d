// The plan reader (issue 20, item 1): plan documents are read in a worker thread with a deadline; one past it is
// refused and the worker restarted, too many waiting are refused at once, and a kept reading is answered at once.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../server/config.ts';
import { PlanReader } from '../../../server/plan/plan-reader.ts';
import { readPlanForReview, type PlanReadInput } from '../../../server/plan/read-plan.ts';
import { NO_CORRECTIONS } from '../../../shared/plan/corrections.ts';
import { bigPlan } from '../../helpers/big-plan.ts';
import { SEED_PATH } from '../../helpers/plans.ts';

const input = (bytes: Uint8Array, name = 'ke-hoach.txt'): PlanReadInput => ({
  bytes,
  name,
  directories: [],
  fallbackDirectoryId: 'vung-tau-2023',
  corrections: NO_CORRECTIONS,
  refuseOverLimits: true,
});
const SEED = new Uint8Array(readFileSync(SEED_PATH));
const HUGE = new TextEncoder().encode(bigPlan(8000));

let reader: PlanReader | null = null;
afterEach(async () => {
  await reader?.close();
  reader = null;
});

describe('the plan reader', () => {
  it('reads a plan in its worker: the plans as JSON, their key, head, counts and issues', async () => {
    reader = new PlanReader({ timeoutMs: 30_000, heapMb: 256, queueLimit: 4 });
    const read = await reader.read(input(SEED));
    if (!read.ok) throw new Error(read.error.code);
    expect(read).toMatchObject({
      directoryId: 'vung-tau-2023',
      counts: { targets: 8, measures: 10, focusTasks: 5, tasks: 9 },
      issues: [],
      usable: true,
      head: { plan: { issuer: 'Ủy ban nhân dân thành phố Vũng Tàu' } },
    });
    expect(JSON.parse(read.planJson).tasks).toHaveLength(9);
    expect(reader.started).toBe(1);
  }, 30_000);

  it('refuses a plan past its deadline and starts a new worker for the next', async () => {
    reader = new PlanReader({ timeoutMs: 300, heapMb: 256, queueLimit: 4 });
    reader.warm();
    const slow = await reader.read(input(HUGE));
    expect(slow).toEqual({ ok: false, error: { code: 'plan-timeout', limitMs: 300 } });
    const next = await reader.read(input(SEED));
    expect(next.ok).toBe(true);
    expect(reader.started).toBe(2);
  }, 30_000);

  it('refuses at once what waits beyond its queue', async () => {
    reader = new PlanReader({ timeoutMs: 30_000, heapMb: 256, queueLimit: 1 });
    const answers = await Promise.all([reader.read(input(SEED)), reader.read(input(SEED)), reader.read(input(SEED))]);
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['ok', 'ok', 'busy']);
  }, 30_000);

  it("answers a reading kept under its key without reading again, and hands the caller's bytes back untouched", async () => {
    reader = new PlanReader({ timeoutMs: 30_000, heapMb: 256, queueLimit: 4 });
    const bytes = SEED.slice();
    const first = await reader.read(input(bytes), 'seed');
    expect(bytes).toEqual(SEED);
    expect(await reader.read(input(new Uint8Array([1, 2, 3])), 'seed')).toBe(first);
  }, 30_000);

  it('refuses a document over the limits coming in; one already stored, read again, keeps them as blocking issues to correct', () => {
    const bytes = new TextEncoder().encode(
      bigPlan(3, { title: (n) => (n === 2 ? 'Dài'.repeat(33_334) : `Nhiệm vụ ${n}.`) }),
    );
    const incoming = readPlanForReview(input(bytes));
    expect(incoming).toMatchObject({
      ok: false,
      error: { code: 'over-limits', issues: [expect.objectContaining({ code: 'title-too-long' })] },
    });
    const stored = readPlanForReview({ ...input(bytes), refuseOverLimits: false });
    expect(stored).toMatchObject({
      ok: true,
      usable: false,
      issues: [
        expect.objectContaining({
          code: 'title-too-long',
          severity: 'error',
          params: expect.objectContaining({ field: 'tasks.NV2.title' }),
        }),
      ],
    });
    const corrected = readPlanForReview({
      ...input(bytes),
      refuseOverLimits: false,
      corrections: { ...NO_CORRECTIONS, tasks: { NV2: { title: 'Nhiệm vụ hai' } } },
    });
    expect(corrected).toMatchObject({ ok: true, usable: true, issues: [] });
  });

  it('takes its deadline from PLAN_READ_TIMEOUT_MS', () => {
    const ok = configFromEnv({ PLAN_READ_TIMEOUT_MS: '5000' }, '/srv', '/srv/seed.txt');
    expect(ok.ok && ok.config.service.planReadTimeoutMs).toBe(5000);
    const bad = configFromEnv({ PLAN_READ_TIMEOUT_MS: 'soon' }, '/srv', '/srv/seed.txt');
    expect(bad.ok ? null : bad.message).toContain('PLAN_READ_TIMEOUT_MS');
  });
});

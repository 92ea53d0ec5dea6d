// The plan a command works on in the store: the one named by --plan, or the only published plan.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { storePathIn } from '../config.ts';
import { Store, type StoredPeriod } from '../store/store.ts';
import type { PlanContext } from '../plan/plan-context.ts';
import { storedPlanContext } from '../plan/plan-context.ts';
import type { CliIo } from './io.ts';

export type ChosenPlan = { ok: true; planId: string } | { ok: false; message: string };

export async function choosePlan(store: Store, wanted: string | undefined): Promise<ChosenPlan> {
  const plans = await store.plans();
  if (wanted) {
    return plans.some((p) => p.id === wanted)
      ? { ok: true, planId: wanted }
      : {
          ok: false,
          message: `Không có kế hoạch ${wanted} trong kho. / No plan ${wanted} in the store. (${plans.map((p) => p.id).join(', ') || '—'})`,
        };
  }
  const published = plans.filter((p) => p.state === 'published');
  if (published.length === 1) return { ok: true, planId: published[0]!.id };
  return {
    ok: false,
    message: `Có ${published.length} kế hoạch đang thực hiện; hãy chọn bằng --plan ID. / ${published.length} published plans; choose one with --plan ID: ${published.map((p) => p.id).join(', ')}`,
  };
}

/**
 * Runs `fn` on the store under DATA_DIR and the chosen plan (--plan, or the only published one), closing the store
 * afterwards; a missing store or plan is exit 2 with one sentence.
 */
export async function withPlanStore(
  io: CliIo,
  wanted: string | undefined,
  fn: (store: Store, planId: string) => Promise<number>,
): Promise<number> {
  const file = storePathIn(resolve(io.cwd, io.env.DATA_DIR ?? 'data'));
  if (!existsSync(file)) {
    io.stderr.write(
      `Chưa có kho dữ liệu ${file}; hãy chạy "plan-reporting serve" trước. / No store at ${file}; run "plan-reporting serve" first.\n`,
    );
    return 2;
  }
  const store = new Store(file);
  try {
    const chosen = await choosePlan(store, wanted);
    if (!chosen.ok) {
      io.stderr.write(`${chosen.message}\n`);
      return 2;
    }
    return await fn(store, chosen.planId);
  } finally {
    await store.close();
  }
}

/** `withPlanStore` for a command about one period of the plan: a period the store lacks is exit 2 with one sentence. */
export function withPlanPeriod(
  io: CliIo,
  wanted: string | undefined,
  periodId: string,
  fn: (store: Store, plan: PlanContext, period: StoredPeriod) => Promise<number>,
): Promise<number> {
  return withPlanStore(io, wanted, async (store, planId) => {
    const plan = await storedPlanContext(store, planId);
    const period = await store.period(planId, periodId);
    if (!plan || !period) {
      io.stderr.write(
        `Không có kỳ báo cáo ${periodId} của kế hoạch ${planId}. / No period ${periodId} of the plan ${planId}.\n`,
      );
      return 2;
    }
    return fn(store, plan, period);
  });
}

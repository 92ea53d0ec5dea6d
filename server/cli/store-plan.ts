// The plan a command works on in the store: the one named by --plan, or the only published plan.
import type { Store } from '../store/store.ts';

export type ChosenPlan = { ok: true; planId: string } | { ok: false; message: string };

export function choosePlan(store: Store, wanted: string | undefined): ChosenPlan {
  const plans = store.plans();
  if (wanted) {
    return plans.some((p) => p.id === wanted) ? { ok: true, planId: wanted }
      : { ok: false, message: `Không có kế hoạch ${wanted} trong kho. / No plan ${wanted} in the store. (${plans.map((p) => p.id).join(', ') || '—'})` };
  }
  const published = plans.filter((p) => p.state === 'published');
  if (published.length === 1) return { ok: true, planId: published[0]!.id };
  return { ok: false, message: `Có ${published.length} kế hoạch đang thực hiện; hãy chọn bằng --plan ID. / ${published.length} published plans; choose one with --plan ID: ${published.map((p) => p.id).join(', ')}` };
}

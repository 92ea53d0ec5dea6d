// The plans the service serves: contexts of published (and archived) plans, built once per stored version.
import type { Directory } from '../../shared/directory/agency.ts';
import type { Store } from '../store/store.ts';
import type { PlanContext } from '../plan/plan-context.ts';
import { storedDirectory, storedPlanContext } from '../plan/plan-context.ts';

export class PlanRegistry {
  private readonly cache = new Map<string, { version: string; ctx: PlanContext }>();

  constructor(private readonly store: Store) {}

  /** The directory of that id, as the store holds it now (seeded from the bundled ones). */
  directory(id: string): Promise<Directory | null> {
    return storedDirectory(this.store, id);
  }

  /** A plan's context (any state but draft), or null when there is no such plan or it is a draft. */
  async get(planId: string): Promise<PlanContext | null> {
    const summary = await this.store.planSummary(planId);
    if (!summary || summary.state === 'draft') return null;
    const version = `${summary.state}:${summary.planKey}:${summary.updatedAt}`;
    const hit = this.cache.get(planId);
    if (hit?.version === version) return hit.ctx;
    const ctx = await storedPlanContext(this.store, planId);
    if (!ctx) throw new Error(`plan ${planId} names an unknown directory`);
    this.cache.set(planId, { version, ctx });
    return ctx;
  }

  /** Every published plan's context, oldest first. */
  async published(): Promise<PlanContext[]> {
    const contexts: PlanContext[] = [];
    for (const p of await this.store.plans()) if (p.state === 'published') contexts.push((await this.get(p.id))!);
    return contexts;
  }
}

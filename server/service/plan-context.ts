// A plan the service runs on, with its directory index and reporting agencies, built once per version.
import type { Plan } from '../../shared/domain/plan.ts';
import type { DirectoryInput } from '../../shared/directory/agency.ts';
import { BUNDLED_DIRECTORIES } from '../../shared/directory/bundled.ts';
import { indexDirectory } from '../../shared/directory/directory.ts';
import { reportingAgencies } from '../../shared/workbook/template-model.ts';
import type { PlanState, Store } from '../store/store.ts';
import type { PlanContext } from './context.ts';

export function planContext(id: string, state: PlanState, plan: Plan, planKey: string, directory: DirectoryInput): PlanContext {
  const index = indexDirectory(directory);
  const assigned = new Set(reportingAgencies(plan).map((a) => a.id));
  const groupName = (gid: string) => index.directory.groups.find((g) => g.id === gid)?.name ?? gid;
  const reporters = index.directory.agencies.filter((a) => assigned.has(a.id))
    .map((a) => ({ id: a.id, name: a.name, groups: a.groups, group: a.groups.map(groupName).join('; ') }));
  return { id, state, plan, planKey, index, reporters };
}

/** The directory of that id as the store holds it now (seeded from the bundled ones), else the bundled one. */
export function storedDirectory(store: Store, id: string): DirectoryInput | null {
  return store.directories().find((d) => d.id === id) ?? BUNDLED_DIRECTORIES.find((d) => d.id === id) ?? null;
}

/** A stored plan's context, whatever its state; null when the store has no such plan or its directory is unknown. */
export function storedPlanContext(store: Store, planId: string): PlanContext | null {
  const stored = store.plan(planId);
  const directory = stored ? storedDirectory(store, stored.directoryId) : null;
  return stored && directory ? planContext(planId, stored.state, stored.plan, stored.planKey, directory) : null;
}

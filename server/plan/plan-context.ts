// A plan the service runs on, with its directory index and reporting agencies, built once per version.
import type { Plan } from '../../shared/domain/plan.ts';
import { Directory, type DirectoryInput } from '../../shared/directory/agency.ts';
import { BUNDLED_DIRECTORIES } from '../../shared/directory/bundled.ts';
import { indexDirectory, type AgencyIndex } from '../../shared/directory/directory.ts';
import { reportingAgencies } from '../../shared/workbook/template-model.ts';
import type { PlanState, Store } from '../store/store.ts';

/** A plan the service runs on: its stored state and version key, its directory's index, and who reports on it. */
export interface PlanContext {
  id: string;
  state: PlanState;
  plan: Plan;
  planKey: string;
  index: AgencyIndex;
  /** Agencies that report on the plan, in directory order. */
  reporters: {
    id: string;
    name: string;
    groups: string[];
    /** The groups as the directory names them ("UBND các phường, xã"). */ group: string;
  }[];
}

export function planContext(
  id: string,
  state: PlanState,
  plan: Plan,
  planKey: string,
  directory: DirectoryInput,
): PlanContext {
  const index = indexDirectory(directory);
  return { id, state, plan, planKey, index, reporters: reportersOf(plan, index.directory) };
}

/** The agencies that report on a plan, in directory order, with their groups' names. */
export function reportersOf(plan: Plan, directory: Directory): PlanContext['reporters'] {
  const assigned = new Set(reportingAgencies(plan).map((a) => a.id));
  const groupNames = new Map(directory.groups.map((g) => [g.id, g.name]));
  return directory.agencies
    .filter((a) => assigned.has(a.id))
    .map((a) => ({
      id: a.id,
      name: a.name,
      groups: a.groups,
      group: a.groups.map((gid) => groupNames.get(gid) ?? gid).join('; '),
    }));
}

/**
 * A stored plan and its reporters, without the directory's name index, which the master does not need (for a city of
 * thousands of agencies it is large). Null as storedPlanContext.
 */
export async function storedReporters(
  store: Store,
  planId: string,
): Promise<{ plan: Plan; reporters: PlanContext['reporters'] } | null> {
  const stored = await store.currentPlan(planId);
  const directory = stored ? await storedDirectory(store, stored.directoryId) : null;
  return stored && directory ? { plan: stored.plan, reporters: reportersOf(stored.plan, directory) } : null;
}

/**
 * The directory of that id as the store holds it now (seeded from the bundled ones), else the bundled one; parsed
 * either way (the store's copy as it is read), so a caller never parses it again.
 */
export async function storedDirectory(store: Store, id: string): Promise<Directory | null> {
  const bundled = BUNDLED_DIRECTORIES.find((d) => d.id === id);
  return (await store.directory(id)) ?? (bundled ? Directory.parse(bundled) : null);
}

/** A stored plan's context, whatever its state; null when the store has no such plan or its directory is unknown. */
export async function storedPlanContext(store: Store, planId: string): Promise<PlanContext | null> {
  const stored = await store.currentPlan(planId);
  const directory = stored ? await storedDirectory(store, stored.directoryId) : null;
  return stored && directory ? planContext(planId, stored.state, stored.plan, stored.planKey, directory) : null;
}

// A plan the service runs on, with its directory index and reporting agencies, built once per version.
import type { Plan } from '../../shared/domain/plan.ts';
import type { DirectoryInput } from '../../shared/directory/agency.ts';
import { indexDirectory } from '../../shared/directory/directory.ts';
import { reportingAgencies } from '../../shared/workbook/template-model.ts';
import type { PlanState } from '../store/store.ts';
import type { PlanContext } from './context.ts';

export function planContext(id: string, state: PlanState, plan: Plan, planKey: string, directory: DirectoryInput): PlanContext {
  const index = indexDirectory(directory);
  const assigned = new Set(reportingAgencies(plan).map((a) => a.id));
  const groupName = (gid: string) => index.directory.groups.find((g) => g.id === gid)?.name ?? gid;
  const reporters = index.directory.agencies.filter((a) => assigned.has(a.id))
    .map((a) => ({ id: a.id, name: a.name, groups: a.groups, group: a.groups.map(groupName).join('; ') }));
  return { id, state, plan, planKey, index, reporters };
}

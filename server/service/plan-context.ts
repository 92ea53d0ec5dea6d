// The plan the service runs on, with its directory index and reporting agencies, built once.
import type { Plan } from '../../shared/domain/plan.ts';
import { BUNDLED_DIRECTORIES } from '../../shared/directory/bundled.ts';
import { indexDirectory } from '../../shared/directory/directory.ts';
import { reportingAgencies } from '../../shared/workbook/template-model.ts';
import type { PlanContext } from './context.ts';

export function planContext(plan: Plan, planKey: string): PlanContext {
  const directory = BUNDLED_DIRECTORIES.find((d) => d.id === plan.directoryId);
  if (!directory) throw new Error(`The stored plan names an unknown directory ${plan.directoryId}`);
  const index = indexDirectory(directory);
  const assigned = new Set(reportingAgencies(plan).map((a) => a.id));
  const groupName = (id: string) => index.directory.groups.find((g) => g.id === id)?.name ?? id;
  const reporters = index.directory.agencies.filter((a) => assigned.has(a.id))
    .map((a) => ({ id: a.id, name: a.name, groups: a.groups, group: a.groups.map(groupName).join('; ') }));
  return { plan, planKey, index, reporters };
}

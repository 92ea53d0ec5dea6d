// An agency's duty for one plan and period, from the one place that knows it: its task and measure rows,
// the plan key and the digest of the rows its workbook must hold (what the server checks a submission against).
import type { Plan } from '../domain/plan.ts';
import type { Period } from '../domain/period.ts';
import type { Agency } from '../directory/agency.ts';
import { buildTemplateModel, type MeasureRow, type TaskRow } from './template-model.ts';

export interface AgencyDuty {
  planKey: string;
  lockedDigest: string;
  tasks: TaskRow[];
  measures: MeasureRow[];
}

export function agencyDuty(
  plan: Plan,
  agency: Pick<Agency, 'id' | 'name' | 'groups'>,
  period: Period,
  planId?: string,
): AgencyDuty {
  const model = buildTemplateModel(plan, agency, period, '', undefined, planId);
  return {
    planKey: model.meta.planKey,
    lockedDigest: model.meta.lockedDigest,
    tasks: model.tasks,
    measures: model.measures,
  };
}

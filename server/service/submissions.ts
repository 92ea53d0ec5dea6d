// Accepting a report: re-checked with the shared reader, then committed as the next version.
import { createHash } from 'node:crypto';
import { isOnTime, type Period } from '../../shared/domain/period.ts';
import type { Grid } from '../../shared/workbook/grid.ts';
import { readReport } from '../../shared/workbook/grid-reader.ts';
import { buildTemplateModel } from '../../shared/workbook/template-model.ts';
import type { WorkbookIssue } from '../../shared/workbook/issue.ts';
import type { SubmissionSource, SubmitOutcome } from '../store/store.ts';
import type { AppContext } from './context.ts';

export type SubmitResult =
  | { ok: true; outcome: SubmitOutcome }
  | { ok: false; reason: 'period-unknown' | 'period-locked' }
  | { ok: false; reason: 'mismatch' | 'invalid'; issues: WorkbookIssue[] };

const MISMATCH = new Set(['agency-mismatch', 'period-mismatch', 'plan-mismatch', 'template-outdated']);

// The rows an agency's workbook must hold depend on the plan and the agency only: computed once per agency.
const digests = new WeakMap<AppContext['plan'], Map<string, string | undefined>>();
function expectedRows(ctx: AppContext, agencyId: string, period: Period): string | undefined {
  let byAgency = digests.get(ctx.plan);
  if (!byAgency) { byAgency = new Map(); digests.set(ctx.plan, byAgency); }
  if (!byAgency.has(agencyId)) {
    const agency = ctx.plan.reporters.find((a) => a.id === agencyId);
    byAgency.set(agencyId, agency ? buildTemplateModel(ctx.plan.plan, agency, period, '').meta.lockedDigest : undefined);
  }
  return byAgency.get(agencyId);
}

export function submitGrid(ctx: AppContext, input: { agencyId: string; periodId: string; grid: Grid; source: SubmissionSource; idempotencyKey: string | null }): SubmitResult {
  const period = ctx.store.period(input.periodId);
  if (!period) return { ok: false, reason: 'period-unknown' };
  if (period.state === 'locked') return { ok: false, reason: 'period-locked' };
  const lockedDigest = expectedRows(ctx, input.agencyId, period);
  const read = readReport(input.grid, { expected: { agencyId: input.agencyId, periodId: input.periodId, planKey: ctx.plan.planKey, lockedDigest } });
  if (!read.ok) {
    return { ok: false, reason: read.issues.some((i) => MISMATCH.has(i.code)) ? 'mismatch' : 'invalid', issues: read.issues };
  }
  const now = ctx.clock();
  const outcome = ctx.store.submit({
    id: ctx.newId(),
    periodId: input.periodId,
    agencyId: input.agencyId,
    receivedAt: now.toISOString(),
    onTime: period.state === 'open' && isOnTime(period, now),
    source: input.source,
    contentHash: createHash('sha256').update(JSON.stringify(read.value)).digest('hex'),
    idempotencyKey: input.idempotencyKey,
    report: read.value,
  });
  if (outcome.kind === 'created') ctx.master.schedule(input.periodId);
  return { ok: true, outcome };
}

// Who should report in a plan's period, who did, on time or late: the status table of Phòng Nội vụ.
import { daysLeft } from '../../shared/domain/period.ts';
import type { AppContext } from './context.ts';
import type { PlanContext } from '../plan/plan-context.ts';
import type { GoogleSheetRow, StoredPeriod } from '../store/store.ts';
import { issueWording } from '../../shared/workbook/issue.ts';
import { reviewState } from './reviews.ts';

export interface AgencyStatus {
  agencyId: string;
  agencyName: string;
  groups: string[];
  /** The groups as the directory names them ("UBND các phường, xã"). */
  group: string;
  submitted: boolean;
  version: number | null;
  receivedAt: string | null;
  onTime: boolean | null;
  source: string | null;
  /** The city's review of the latest version: awaiting, accepted, returned; null when nothing was submitted. */
  review: 'awaiting' | 'accepted' | 'returned' | null;
  submissionId: string | null;
  /** The agency's Google Sheet, when one is registered: what its last pull found, issues in words. */
  google: {
    spreadsheetId: string;
    pulledAt: string | null;
    status: string | null;
    error: string | null;
    issues: { cell: string; message: string }[];
  } | null;
}

export interface PeriodStatus {
  planId: string;
  period: StoredPeriod & { daysLeft: number };
  counts: { expected: number; submitted: number; onTime: number; late: number; missing: number };
  agencies: AgencyStatus[];
}

function googleOf(sheet: GoogleSheetRow | undefined): AgencyStatus['google'] {
  if (!sheet) return null;
  return {
    spreadsheetId: sheet.spreadsheetId,
    pulledAt: sheet.pulledAt,
    status: sheet.pullStatus,
    error: sheet.pullError,
    issues: sheet.pullIssues
      .slice(0, 20)
      .map((i) => ({ cell: `${i.at.sheet}!${i.at.cell}`, message: issueWording(i).vi })),
  };
}

/** Every agency that should report, in directory order, with its latest version if any. */
export async function periodStatus(ctx: AppContext, plan: PlanContext, period: StoredPeriod): Promise<PeriodStatus> {
  const latest = await ctx.store.latestMeta(plan.id, period.id);
  const sheets = new Map((await ctx.store.googleSheets(plan.id, period.id)).map((g) => [g.agencyId, g]));
  const agencies: AgencyStatus[] = [];
  for (const a of plan.reporters) {
    const s = latest.get(a.id);
    agencies.push({
      agencyId: a.id,
      agencyName: a.name,
      groups: a.groups,
      group: a.group,
      submitted: !!s,
      version: s?.version ?? null,
      receivedAt: s?.receivedAt ?? null,
      onTime: s ? s.onTime : null,
      source: s?.source ?? null,
      review: s ? reviewState(await ctx.store.latestReview(s.submissionId)).state : null,
      submissionId: s?.submissionId ?? null,
      google: googleOf(sheets.get(a.id)),
    });
  }
  const submitted = agencies.filter((a) => a.submitted);
  return {
    planId: plan.id,
    period: { ...period, daysLeft: daysLeft(period, ctx.clock()) },
    counts: {
      expected: agencies.length,
      submitted: submitted.length,
      onTime: submitted.filter((a) => a.onTime).length,
      late: submitted.filter((a) => !a.onTime).length,
      missing: agencies.length - submitted.length,
    },
    agencies,
  };
}

// The plans section's state, without the DOM: the plan under review, which review is the latest (an older one's
// sections, arriving late, are dropped), the directory its names are chosen from, a section read page by page, and the
// words of plan states and audit entries. browser/plans.ts draws it; tests/server/http/city-state.test.ts runs it.
import { ROUTE_PATHS } from '../../../shared/api/route-paths.ts';
import { problemText, vnTime, type PageApi } from './city-state.ts';

export const PLAN_STATES: Record<string, string> = {
  draft: 'Bản nháp',
  published: 'Đang thực hiện',
  archived: 'Đã lưu trữ',
};
const ACTIONS: Record<string, string> = {
  'plan.import': 'Nhập kế hoạch',
  'plan.correct': 'Sửa bản nháp',
  'plan.supersede': 'Sửa kế hoạch đã ban hành',
  'plan.publish': 'Ban hành',
  'plan.archive': 'Lưu trữ',
  'code.issue': 'Cấp mã',
  'code.revoke': 'Thu hồi mã',
  'directory.add-agency': 'Thêm cơ quan vào danh bạ',
  'period.open': 'Mở kỳ',
  'period.close': 'Đóng kỳ',
  'period.lock': 'Khóa kỳ',
  'period.delete': 'Xóa kỳ',
};

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  subject: string | null;
}
/** An audit entry as a line: when (Vietnam time), who, what in words. */
export const auditLine = (e: AuditEntry) =>
  `${vnTime(e.at)} — ${e.actor}: ${ACTIONS[e.action] ?? e.action}${e.subject ? ` (${e.subject})` : ''}`;

/** A plan as the list names it: "Số 123/KH-UBND" when it has a number, else its id. */
export const planName = (p: { id: string; number: string | null }) =>
  p.number && /\d/.test(p.number) ? `Số ${p.number}` : p.id;

export interface Issue {
  severity: string;
  at: { where: string; subject?: string };
  message: { vi: string; en: string };
}
/** The API's summary of a plan under review (server/http/plan-view.ts). */
export interface PlanSummary {
  planId: string;
  state: string;
  plan: { plan: { title: string; number: string | null; date: string | null } };
  summary: { sourceName: string; directoryId: string };
  counts: { errors: number; warnings: number };
  issues: Issue[];
  stale: { message: string }[];
  unknownNames: string[];
}
export interface Directory {
  id: string;
  agencies: { id: string; name: string }[];
  groups: unknown[];
}

/** Items of a section are asked this many at a time. */
export const PAGE = 500;

export class PlanReview {
  current: PlanSummary | null = null;
  directory: Directory | null = null;
  private shown = 0;

  constructor(private readonly api: PageApi) {}

  /** A review begins (a plan opened, corrected, published): its number, to know later whether it is still the latest. */
  begin(body: PlanSummary): number {
    this.current = body;
    return ++this.shown;
  }

  isLatest(mine: number): boolean {
    return mine === this.shown;
  }

  /** The directory a plan's names are chosen from, asked once while it is the same. */
  async loadDirectory(id: string): Promise<Directory> {
    if (this.directory?.id === id) return this.directory;
    const res = await this.api.call(ROUTE_PATHS.directory, { id });
    this.directory = res.ok ? ((await res.json()) as Directory) : { id, agencies: [], groups: [] };
    return this.directory;
  }

  /** The directory ids a task's names stand for (names the directory knows; groups expanded by the server later). */
  idsOf(names: string[]): string[] {
    return names.map((n) => this.directory?.agencies.find((a) => a.name === n)?.id).filter((id): id is string => !!id);
  }

  /**
   * Every item of a section of the plan, page by page, with the issues that belong to them; null when a later review
   * began meanwhile, the problem's title when the service refused.
   */
  async section<T>(
    planId: string,
    section: string,
    mine: number,
  ): Promise<{ items: T[]; issues: Issue[] } | { problem: string } | null> {
    const items: T[] = [];
    const issues: Issue[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const res = await this.api.call(
        ROUTE_PATHS.planSection,
        { plan: planId, section },
        {},
        { offset: String(offset), limit: String(PAGE) },
      );
      if (!this.isLatest(mine)) return null;
      if (!res.ok) return { problem: await problemText(res) };
      const page = (await res.json()) as { items: T[]; issues?: Issue[]; total: number };
      items.push(...page.items);
      issues.push(...(page.issues ?? []));
      if (page.items.length === 0 || items.length >= page.total) return { items, issues };
    }
  }
}

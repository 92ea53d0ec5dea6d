// How large a plan may be, written once: every way a plan enters (the import route, the re-read after a
// correction, the command line, the start-up plan) checks its text, what the parser read from it, and the
// coordinator's corrections against these numbers. A title lands in one workbook cell, whose limit is Excel's
// 32,767 characters; 2,000 keeps every cell far under it.
import type { Plan } from '../domain/plan.ts';
import type { PlanIssue } from '../domain/plan-issue.ts';

export const PLAN_LIMITS = {
  /** Characters of plan text (a .txt, or a .docx's paragraphs and cells). */
  maxChars: 1_000_000,
  maxTasks: 2000,
  maxTargets: 500,
  /**
   * Characters of any one title: a task's, a focus task's, a target's text, a measure's label, a timeframe, and the
   * plan's own title, number, issuer and place (the master joins three of them in one cell: still far under 32,767).
   */
  maxTitleChars: 2000,
  /** Past this many characters a title is a warning: it fits, but reads badly in a cell and a sidebar. */
  warnTitleChars: 500,
} as const;

/** A text field of a plan that lands in a workbook cell, with where a person finds it. */
interface TitledText {
  field: string;
  text: string;
  subject: string;
  where: string;
  line: number | null;
}

const lineOf = (where: string) => {
  const m = /^line (\d+)$/.exec(where);
  return m ? Number(m[1]) : null;
};

function titledTexts(plan: Plan): TitledText[] {
  const identity = plan.plan;
  const out: TitledText[] = (['title', 'number', 'issuer', 'place'] as const).map((key) => ({
    field: `plan.${key}`,
    text: identity[key] ?? '',
    subject: 'plan',
    where: 'document',
    line: null,
  }));
  for (const target of plan.targets) {
    const where = `mục tiêu ${target.number} / target ${target.number}`;
    out.push({ field: `targets.${target.id}.text`, text: target.text, subject: target.id, where, line: null });
    for (const m of target.measures)
      out.push({ field: `measures.${m.id}.label`, text: m.label, subject: m.id, where, line: null });
  }
  for (const f of plan.focusTasks) {
    const where = `nhiệm vụ trọng tâm ${f.number} / focus task ${f.number}`;
    out.push({ field: `focusTasks.${f.id}.title`, text: f.title, subject: f.id, where, line: null });
    out.push({ field: `focusTasks.${f.id}.timeframe`, text: f.timeframe.text, subject: f.id, where, line: null });
  }
  for (const t of plan.tasks) {
    out.push({ field: `tasks.${t.id}.title`, text: t.title, subject: t.id, where: t.source, line: lineOf(t.source) });
    out.push({
      field: `tasks.${t.id}.timeframe`,
      text: t.timeframe.text,
      subject: t.id,
      where: t.source,
      line: lineOf(t.source),
    });
  }
  return out;
}

/** A plan text of this many characters is refused before it is parsed (413). */
export const textTooLong = (chars: number) => chars > PLAN_LIMITS.maxChars;

/**
 * What the limits say of a parsed plan: errors (too many tasks or targets, a title over 2,000 characters), which
 * refuse it, and warnings (a title over 500 characters), which it keeps. Each names what and where.
 */
export function planLimitFindings(plan: Plan): PlanIssue[] {
  const findings: PlanIssue[] = [];
  if (plan.tasks.length > PLAN_LIMITS.maxTasks) {
    const first = plan.tasks[PLAN_LIMITS.maxTasks]!;
    findings.push({
      code: 'too-many-tasks',
      severity: 'error',
      at: { line: lineOf(first.source), where: first.source, subject: first.id },
      params: { count: plan.tasks.length, limit: PLAN_LIMITS.maxTasks, task: first.id },
    });
  }
  if (plan.targets.length > PLAN_LIMITS.maxTargets) {
    const first = plan.targets[PLAN_LIMITS.maxTargets]!;
    findings.push({
      code: 'too-many-targets',
      severity: 'error',
      at: { line: null, where: `mục tiêu ${first.number} / target ${first.number}`, subject: first.id },
      params: { count: plan.targets.length, limit: PLAN_LIMITS.maxTargets, target: first.id },
    });
  }
  // Past the count limits the titles are not looked at: the plan is refused already, and its list could be long.
  if (findings.length) return findings;
  for (const t of titledTexts(plan)) {
    const chars = t.text.length;
    if (chars <= PLAN_LIMITS.warnTitleChars) continue;
    const error = chars > PLAN_LIMITS.maxTitleChars;
    findings.push({
      code: error ? 'title-too-long' : 'title-long',
      severity: error ? 'error' : 'warning',
      at: { line: t.line, where: t.where, subject: t.subject },
      params: { field: t.field, chars, limit: error ? PLAN_LIMITS.maxTitleChars : PLAN_LIMITS.warnTitleChars },
    });
  }
  return findings;
}

/** The titles a correction may set (a CorrectionsPatch, read structurally: corrections.ts takes its limits from here). */
interface TitledPatch {
  identity?: { title?: string | undefined } | null | undefined;
  tasks?: Record<string, { title?: string | undefined } | null | undefined> | undefined;
  measures?: Record<string, { label?: string | undefined } | null | undefined> | undefined;
}

/** The first text of a correction over the title limit, by its field ("tasks.NV3.title"), or null. */
export function correctionOverLimit(patch: TitledPatch): { field: string; chars: number; limit: number } | null {
  const texts: [string, string | undefined][] = [['identity.title', patch.identity?.title]];
  for (const [id, fix] of Object.entries(patch.tasks ?? {})) texts.push([`tasks.${id}.title`, fix?.title]);
  for (const [id, fix] of Object.entries(patch.measures ?? {})) texts.push([`measures.${id}.label`, fix?.label]);
  for (const [field, text] of texts) {
    if (text !== undefined && text.length > PLAN_LIMITS.maxTitleChars)
      return { field, chars: text.length, limit: PLAN_LIMITS.maxTitleChars };
  }
  return null;
}

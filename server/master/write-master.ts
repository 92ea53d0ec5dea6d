// The master workbook, written from blocks of agencies: each block's rows of every sheet are rendered in one pass
// over its agencies (each report read once) into compressed pieces (xlsx-pieces.ts). With a MasterCache the pieces
// are kept between builds, and a build re-renders only the blocks whose agencies' submissions changed; the citywide
// rows, the overview and the zip are assembled anew each time. A cached build writes the same bytes as a fresh one.
import { createHash } from 'node:crypto';
import { deflater, PieceWriter, type Piece, type RowSink } from './xlsx-pieces.ts';
import { SheetStream } from './xlsx-stream.ts';
import { FILL, STYLE } from './xlsx-styles.ts';
import { writeWorkbook } from './xlsx-workbook.ts';
import type { Plan } from '../../shared/domain/plan.ts';
import { periodLabel, type Period } from '../../shared/domain/period.ts';
import type { Report } from '../../shared/domain/report.ts';
import { MeasureTotals, VERDICT_LABELS } from '../../shared/master/aggregate.ts';
import { ReportingTally, TaskTally, type TaskStates } from '../../shared/master/overview.ts';
import { overviewSheet, type PreviousFigures } from '../../shared/master/overview-sheet.ts';
import { overviewParts } from './overview-writer.ts';
import {
  ASSESSMENT_HEADERS,
  LATE,
  MISSING,
  PROPOSAL_HEADERS,
  STATUS_HEADERS,
  TARGET_HEADERS,
  TASK_HEADERS,
  assessmentRow,
  citywideRow,
  measureRows,
  proposalRows,
  statusRow,
  taskRows,
  type AgencyRef,
  type Row,
  type SubmissionRef,
} from '../../shared/master/master-rows.ts';
import { assignmentsByAgency, buildTemplateModel, type TemplateModel } from '../../shared/workbook/template-model.ts';

export interface MasterAgency {
  id: string;
  name: string;
  groups: string[];
  group: string;
}

export interface MasterSource {
  plan: Plan;
  period: Period;
  generatedAt: Date;
  /** Agencies that should report, in directory order. */
  agencies: MasterAgency[];
  submission(agencyId: string): SubmissionRef | null;
  /** The agency's latest accepted report, loaded when asked. */
  report(agencyId: string): Promise<Report | null>;
  /** The figures of the previous period of the same kind, for the overview's trend (none when not given). */
  previous?: PreviousFigures | null;
}

/** Agencies per block: a change re-renders its block (this many reports read again), the rest is reused. */
const BLOCK = 64;

interface Layout {
  name: string;
  title: string;
  headers: string[];
  widths: number[];
  wrap: number[];
}
const LAYOUT = {
  status: {
    name: 'Tình hình nộp',
    title: 'TÌNH HÌNH NỘP BÁO CÁO',
    headers: STATUS_HEADERS,
    widths: [40, 34, 14, 10, 18, 16, 22, 16],
    wrap: [1, 2],
  },
  tasks: {
    name: 'Nhiệm vụ',
    title: 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
    headers: TASK_HEADERS,
    widths: [7, 50, 28, 16, 20, 10, 50, 30, 30, 30],
    wrap: [2, 7, 8, 9, 10],
  },
  targets: {
    name: 'Chỉ tiêu',
    title: 'KẾT QUẢ THỰC HIỆN CHỈ TIÊU',
    headers: TARGET_HEADERS,
    widths: [8, 45, 12, 30, 12, 12, 16, 10, 16, 30],
    wrap: [2, 10],
  },
  assessment: {
    name: 'Đánh giá chung',
    title: 'ĐÁNH GIÁ CHUNG CỦA CÁC CƠ QUAN, ĐƠN VỊ',
    headers: ASSESSMENT_HEADERS,
    widths: [30, 50, 50, 50, 50],
    wrap: [2, 3, 4, 5],
  },
  proposals: {
    name: 'Đề xuất, kiến nghị',
    title: 'TỔNG HỢP ĐỀ XUẤT, KIẾN NGHỊ',
    headers: PROPOSAL_HEADERS,
    widths: [30, 40, 80],
    wrap: [2, 3],
  },
} satisfies Record<string, Layout>;
type BlockSheet = keyof typeof LAYOUT;
const BLOCK_SHEETS = Object.keys(LAYOUT) as BlockSheet[];

/** Appends a row of a sheet: wrapped columns wrap, the rest sit at the top; `bold` for the citywide rows. */
function addRow(out: RowSink, layout: Layout, values: Row, bold = false) {
  // Heights from the wrapped text: LibreOffice does not fit wrapped rows when it opens a file.
  let lines = 1;
  for (const c of layout.wrap) {
    const v = values[c - 1];
    if (typeof v === 'string') lines = Math.max(lines, Math.ceil((v.length * 1.1) / layout.widths[c - 1]!));
  }
  out.add(
    values,
    bold ? STYLE.boldWrapped : (column) => (layout.wrap.includes(column) ? STYLE.wrapped : STYLE.top),
    lines > 1 ? Math.min(409, lines * 14 + 4) : undefined,
  );
}

/** A sheet with its title, an optional preamble and the header row; data rows follow. */
function openSheet(layout: Layout, preamble: Row[] = [], title = layout.title): SheetStream {
  const sheet = new SheetStream(layout.name, {
    widths: layout.widths,
    headerRow: preamble.length + 2,
    columns: layout.headers.length,
  });
  sheet.add([title], STYLE.title);
  for (const row of preamble) addRow(sheet, layout, row);
  sheet.add(layout.headers, STYLE.header, 30);
  return sheet;
}

/** A block of agencies, rendered: what its rows were made from, the rows of every sheet, the measures for the totals. */
interface Block {
  signatures: string[];
  pieces: Record<BlockSheet, Piece>;
  measures: (Report['measures'] | null)[];
  tasks: TaskStates;
}

/** What decides an agency's rows besides the plan: the version shown and its review (submissions are append-only). */
const signature = (s: SubmissionRef | null) =>
  s ? `${s.version}|${s.receivedAt}|${s.onTime}|${s.source}|${s.review ?? ''}` : '';

/**
 * Rendered blocks kept between builds, per master (a key such as store and period), the most recently used few.
 * A build whose plan, agencies, period or block size differ from the cached one's starts afresh.
 */
export class MasterCache {
  private readonly made = new Map<string, { digest: string; value: unknown }>();
  /** What the last build did: blocks in all and blocks rendered (the rest were reused). */
  last = { blocks: 0, rendered: 0 };
  readonly block: number;
  private readonly limit: number;
  constructor(o: { limit?: number; block?: number } = {}) {
    this.limit = o.limit ?? 4;
    this.block = o.block ?? BLOCK;
  }

  /**
   * A value made from something whose digest is given (a parsed plan; a master's blocks), kept while the digest holds;
   * a master keeps three (its plan, its blocks and the previous period's figures), so `limit` masters keep at most
   * three times as many, the least recently used going first.
   */
  remember<T>(key: string, digest: string, make: () => T): T {
    const hit = this.made.get(key);
    this.made.delete(key);
    const value = hit?.digest === digest ? (hit.value as T) : make();
    this.made.set(key, { digest, value });
    while (this.made.size > this.limit * 3) this.made.delete(this.made.keys().next().value!);
    return value;
  }

  /** The blocks kept for a master, or a fresh list when what they were made from differs. */
  take(key: string, fingerprint: string): Block[] {
    return this.remember(`${key}|blocks`, fingerprint, (): Block[] => []);
  }
}

/**
 * Writes the master workbook of a period to `output` (a file path or a writable stream). Each report is read once, by
 * the block that holds its agency; with `cache`, only blocks whose submissions changed since the last build are read.
 */
export async function writeMaster(
  source: MasterSource,
  output: { filename: string } | { stream: NodeJS.WritableStream },
  cache?: { store: MasterCache; key: string; fingerprint?: string },
): Promise<void> {
  const { plan, period, agencies } = source;
  const byAgency = assignmentsByAgency(plan);
  const models = new Map<string, Pick<TemplateModel, 'tasks' | 'measures'>>();
  const model = (a: MasterAgency) => {
    // Agencies with the same groups and assignments share their rows: build each distinct set once.
    const mine = byAgency.get(a.id) ?? [];
    const key = `${a.groups.join(',')}|${mine.map((x) => `${x.taskId}:${x.role}`).join(',')}`;
    let m = models.get(key);
    if (!m) {
      const built = buildTemplateModel(plan, a, period, source.generatedAt.toISOString(), mine);
      m = { tasks: built.tasks, measures: built.measures };
      models.set(key, m);
    }
    return m;
  };

  const render = async (
    slice: MasterAgency[],
    submissions: (SubmissionRef | null)[],
    signatures: string[],
  ): Promise<Block> => {
    const out = Object.fromEntries(BLOCK_SHEETS.map((k) => [k, new PieceWriter()])) as Record<BlockSheet, PieceWriter>;
    const measures: Block['measures'] = [];
    const tasks = new TaskTally();
    for (const [j, a] of slice.entries()) {
      const s = submissions[j]!;
      const report = s ? await source.report(a.id) : null;
      const ref: AgencyRef = { id: a.id, name: a.name, group: a.group };
      measures.push(report?.measures ?? null);
      tasks.add(model(a).tasks, report);
      addRow(out.status, LAYOUT.status, statusRow(ref, s));
      for (const row of taskRows(ref, model(a), report)) addRow(out.tasks, LAYOUT.tasks, row);
      for (const row of measureRows(ref, model(a), report)) addRow(out.targets, LAYOUT.targets, row);
      addRow(out.assessment, LAYOUT.assessment, assessmentRow(ref, report));
      if (s) for (const row of proposalRows(ref, report, plan)) addRow(out.proposals, LAYOUT.proposals, row);
    }
    const pieces = await Promise.all(BLOCK_SHEETS.map((k) => out[k].finish()));
    return {
      signatures,
      measures,
      tasks: tasks.states,
      pieces: Object.fromEntries(BLOCK_SHEETS.map((k, i) => [k, pieces[i]])) as Block['pieces'],
    };
  };

  const size = cache?.store.block ?? BLOCK;
  const previous = cache ? cache.store.take(cache.key, `${size}|${cache.fingerprint ?? fingerprint(source)}`) : [];
  const pending: (Block | Promise<Block>)[] = [];
  let rendered = 0;
  const reporting = new ReportingTally();
  for (let start = 0, b = 0; start < agencies.length; start += size, b++) {
    const slice = agencies.slice(start, start + size);
    const submissions = slice.map((a) => source.submission(a.id));
    slice.forEach((a, j) => reporting.add(a, submissions[j]!));
    const signatures = submissions.map(signature);
    const old = previous[b];
    if (old && old.signatures.length === signatures.length && old.signatures.every((x, i) => x === signatures[i]))
      pending.push(old);
    else {
      // Compressed on the thread pool while the next block renders; the event loop breathes between blocks. A block
      // that fails (a damaged stored report) fails the build at Promise.all below, not as an unhandled rejection now.
      const block = render(slice, submissions, signatures);
      block.catch(() => undefined);
      pending.push(block);
      rendered += 1;
      await Promise.all([deflater.room(), new Promise((resolve) => setImmediate(resolve))]);
    }
  }
  const blocks = await Promise.all(pending);
  if (cache) {
    previous.splice(0, previous.length, ...blocks);
    cache.store.last = { blocks: blocks.length, rendered };
  }

  const totals = new MeasureTotals(plan.targets.flatMap((t) => t.measures));
  for (const block of blocks) for (const measures of block.measures) if (measures) totals.add({ measures } as Report);
  const aggregates = totals.result();
  const tasks = new TaskTally();
  for (const block of blocks) tasks.merge(block.tasks);

  const sheets = Object.fromEntries(
    BLOCK_SHEETS.map((k) => [
      k,
      openSheet(LAYOUT[k], [], k === 'status' ? `${LAYOUT.status.title} — ${periodLabel(period)}` : undefined),
    ]),
  ) as Record<BlockSheet, SheetStream>;
  // The citywide rows head the targets sheet, above every agency's.
  for (const aggregate of aggregates) addRow(sheets.targets, LAYOUT.targets, citywideRow(aggregate), true);
  for (const block of blocks) for (const k of BLOCK_SHEETS) sheets[k].append(block.pieces[k]);
  sheets.status.highlight(3, [[MISSING, FILL.red]]);
  sheets.status.highlight(6, [[LATE, FILL.amber]]);
  sheets.tasks.highlight(5, [[`(${MISSING})`, FILL.red]]);
  sheets.targets.highlight(9, [
    [VERDICT_LABELS['not-met'], FILL.red],
    [VERDICT_LABELS.met, FILL.green],
  ]);

  const overview = overviewParts(
    overviewSheet({
      plan,
      period,
      generatedAt: source.generatedAt,
      reporting: reporting.result(),
      aggregates,
      states: tasks.states,
      previous: source.previous ?? null,
    }),
  );
  await writeWorkbook(
    [overview.sheet, sheets.status, sheets.tasks, sheets.targets, sheets.assessment, sheets.proposals],
    output,
    source.generatedAt,
    overview.drawing,
  );
}

/** What a cached build must match (with the block size): the plan, the agencies and their order, the period. */
function fingerprint(source: MasterSource): string {
  return createHash('sha256')
    .update(JSON.stringify([source.plan, source.agencies, source.period]))
    .digest('base64');
}

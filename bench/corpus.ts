// `npm run corpus -- MIRROR`: the plan parser over every document of the real-plan corpus's development partition
// (github.com/tnt305/tai_lieu_noi_bo, src/etl/dataset/, files whose names begin with a letter a–f; the files beginning with
// a digit are kept for acceptance and never read here). MIRROR is a git mirror of the repository (a bare git directory,
// as `git clone --mirror` makes) or a folder holding the dataset's files. Prints how many documents parse, how many
// are plans, how many of those are usable, their median coverage, and the ten commonest shapes of the lines not
// understood and of the labels not known: where the next layouts to read are. Not part of `npm test`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { textToBlocks } from '../shared/plan/document.ts';
import { parsePlan } from '../shared/plan/plan-parser.ts';
import { draftDirectory } from '../shared/directory/draft.ts';

const DATASET = 'src/etl/dataset/';
const PARTITION = /^[a-f]/;

function* documents(mirror: string): Generator<{ name: string; text: string }> {
  if (existsSync(join(mirror, 'HEAD')) && !existsSync(join(mirror, DATASET))) {
    // A git mirror: the names from the tree, each blob read on its own (never a file of the other partition).
    const tree = execFileSync('git', ['--git-dir', mirror, 'ls-tree', 'HEAD', DATASET], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    for (const line of tree.split('\n')) {
      const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line);
      const name = m?.[2]?.slice(DATASET.length);
      if (!m || !name || !PARTITION.test(name)) continue;
      let text: string;
      try {
        text = execFileSync('git', ['--git-dir', mirror, 'cat-file', 'blob', m[1]!], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'ignore'],
        });
      } catch {
        continue; // a blob the mirror does not hold (a large file left out)
      }
      yield { name, text };
    }
    return;
  }
  const dir = existsSync(join(mirror, DATASET)) ? join(mirror, DATASET) : mirror;
  for (const name of readdirSync(dir).sort()) {
    if (!PARTITION.test(name) || !statSync(join(dir, name)).isFile()) continue;
    yield { name, text: readFileSync(join(dir, name), 'utf8') };
  }
}

/** A line's shape: its first words, numbers as "#", so that lines of one layout count together. */
const shape = (text: string) => text.toLowerCase().replace(/\d+/g, '#').split(/\s+/).slice(0, 5).join(' ').slice(0, 60);

function top(counts: Map<string, number>, n = 10): string[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([s, c]) => `  ${String(c).padStart(5)}  ${s}`);
}

function main(mirror: string | undefined): number {
  if (!mirror) {
    process.stderr.write(
      'Cách dùng / Usage: npm run corpus -- MIRROR (a git mirror of tnt305/tai_lieu_noi_bo, or a folder of its dataset)\n',
    );
    return 2;
  }
  let documentsRead = 0;
  let parsed = 0;
  const failed: string[] = [];
  const plans: { name: string; usable: boolean; coverage: number; tasks: number; blockers: string[] }[] = [];
  const unread = new Map<string, number>();
  const notUnderstood = new Map<string, number>();
  const unknownLabels = new Map<string, number>();
  for (const { name, text } of documents(mirror)) {
    documentsRead += 1;
    try {
      const blocks = textToBlocks(text);
      const first = parsePlan(blocks);
      parsed += 1;
      // A plan: a document whose title line is "KẾ HOẠCH" (on its own or carried by a decision), or numbered "…/KH-…".
      const isPlan = /^\s*\**\s*KẾ\s+HOẠCH\s*\**\s*$/mu.test(text) || /Số:?\s*\d+\/KH-/u.test(text.slice(0, 4000));
      if (!isPlan) continue;
      // A plan of another province names bodies the bundled directory does not know: it is read again with the directory
      // drafted from its own names, so that "usable" says what the parser read, not whose directory it is.
      const draft = draftDirectory(first.plan, '2025-01-01');
      const result = draft.agencies.length ? parsePlan(blocks, { directories: [draft] }) : first;
      plans.push({
        name,
        usable: result.usable,
        coverage: result.coverage.share,
        tasks: result.plan.tasks.length,
        blockers: [...new Set(result.issues.filter((i) => i.severity === 'error').map((i) => i.code))],
      });
      for (const m of result.coverage.missing) unread.set(shape(m.text), (unread.get(shape(m.text)) ?? 0) + 1);
      for (const issue of result.issues) {
        if (issue.code === 'line-not-understood')
          notUnderstood.set(
            shape(String(issue.params.text)),
            (notUnderstood.get(shape(String(issue.params.text))) ?? 0) + 1,
          );
        if (issue.code === 'label-unknown')
          unknownLabels.set(
            String(issue.params.label).toLowerCase(),
            (unknownLabels.get(String(issue.params.label).toLowerCase()) ?? 0) + 1,
          );
      }
    } catch (error) {
      failed.push(`${name}: ${(error as Error).message}`);
    }
  }
  const coverages = plans.map((p) => p.coverage).sort((a, b) => a - b);
  const median =
    coverages.length === 0
      ? 1
      : coverages.length % 2
        ? coverages[(coverages.length - 1) / 2]!
        : (coverages[coverages.length / 2 - 1]! + coverages[coverages.length / 2]!) / 2;
  const out = [
    `Tài liệu a–f / documents a–f: ${documentsRead}`,
    `Đọc được / parse: ${parsed} (lỗi / failures: ${failed.length})`,
    ...failed.map((f) => `  ${f}`),
    `Kế hoạch / plans: ${plans.length}, dùng được / usable: ${plans.filter((p) => p.usable).length}, ` +
      `độ phủ trung vị / median coverage: ${(median * 100).toFixed(1)}% (with the directory drafted from each plan)`,
    ...plans.map(
      (p) =>
        `  ${p.name.padEnd(22)} ${p.usable ? 'usable  ' : 'blocked '} coverage ${(p.coverage * 100).toFixed(1).padStart(5)}%  ` +
        `tasks ${String(p.tasks).padStart(3)}  ${p.blockers.join(' ')}`,
    ),
    'Dòng không hiểu thường gặp / commonest line-not-understood shapes:',
    ...top(notUnderstood),
    'Nhãn không biết thường gặp / commonest label-unknown labels:',
    ...top(unknownLabels),
    'Dòng chưa được đọc thường gặp (độ phủ) / commonest shapes of the lines coverage found unread:',
    ...top(unread),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv[2]);

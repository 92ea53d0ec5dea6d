// Large plan documents made from the seed: its preamble, targets and closing sections around N generated tasks
// ("N. Nhiệm vụ N." / "- Đơn vị chủ trì: Phòng Nội vụ."), as the hostile 1 MB plan of issue 20 was written.
import { readFileSync } from 'node:fs';
import { SEED_PATH } from './plans.ts';

const SEED = readFileSync(SEED_PATH, 'utf8').split('\n');
const START = SEED.findIndex((l) => l.startsWith('V. NHIỆM VỤ CỤ THỂ'));
const END = SEED.findIndex((l) => l.startsWith('III. TỔ CHỨC THỰC HIỆN'));

export interface BigPlanOptions {
  /** The title of task n (1-based); "Nhiệm vụ n." by default. */
  title?: (n: number) => string;
  /** Lines of detail under each task (padding a plan towards the character limit). */
  detail?: string;
}

/** The seed plan with its tasks replaced by `tasks` generated ones; line of task n's title: `taskLine(n)`. */
export function bigPlan(tasks: number, options: BigPlanOptions = {}): string {
  const title = options.title ?? ((n: number) => `Nhiệm vụ ${n}.`);
  const body: string[] = [];
  for (let n = 1; n <= tasks; n++) {
    body.push(`${n}. ${title(n)}`);
    if (options.detail) body.push(options.detail);
    body.push('- Đơn vị chủ trì: Phòng Nội vụ.', '- Thời gian thực hiện: Thực hiện thường xuyên.');
  }
  return [...SEED.slice(0, START + 1), ...body, ...SEED.slice(END)].join('\n');
}

/** The 1-based line of task n's title in `bigPlan(…)`. */
export const taskLine = (n: number, options: BigPlanOptions = {}) => START + 2 + (n - 1) * (options.detail ? 4 : 3);

// An agency section cut into blocks: each agency heading ("1. Sở Nội vụ:", "a) Sở Nội vụ:", "- Sở Y tế:") or task
// sentence that opens with its body, with the lines it holds.
import { labelledFields } from './labels.ts';
import type { Line } from './plan-items.ts';
import { headingBodies, isNameList, proseLead, stripQualifiers } from './body-names.ts';

const NUMBERED = /^(\d+(?:\.\d+)*)\s*[.)]\s*(\S.*)$/u;
export const LETTERED = /^([a-zđ])\)\s*(\S.*)$/u;
export const BULLET = /^[-–•]\s*(\S.*)$/u;
export const SUB_BULLET = /^\+\s*(\S.*)$/u;

const CLOSING =
  /^(?:trên đây là|trong quá trình (?:tổ chức )?(?:thực hiện|triển khai)|quá trình (?:tổ chức )?thực hiện|định kỳ\s.*báo cáo|chế độ báo cáo|kế hoạch này thay thế|điều \d+\.)/iu;

const ASSIGNS =
  /^(?:đồng thời,?\s*)?(?:giao|đề nghị|khuyến khích)\s|^[^.;:]{3,120}?\s(?:chủ trì|chủ động|có trách nhiệm)(?=[\s,.;]|$)/iu;

export interface HeadingBlock {
  heading: Line;
  number: string;
  bodies: string;
  inline: string | null;
  lines: Line[];
  end: number;
  /** A numbered sentence that opens with its body: one task, its paragraphs below it its detail. */
  prose?: { coordinating: string | null };
}

export interface HeadingOptions {
  /** Numbered items that open with their body ("2. Giao Công an tỉnh chủ trì …") are tasks: in "Tổ chức thực hiện". */
  proseItems?: boolean;
  /** Bullets that open with their body and its role ("- Sở Y tế chủ trì kiểm tra …") are tasks: in task sections. */
  proseBullets?: boolean;
}

/** "a) Sở Nội vụ:" or "- Sở Y tế:" (a bullet only with its colon): the heading's number and words, as NUMBERED gives them. */
function asHeading(text: string): RegExpExecArray | null {
  const lettered = LETTERED.exec(text.trim());
  if (lettered && headingBodies(lettered[2]!)) return lettered;
  const bullet = /^[-–•]\s*(\S[^:：]{2,120}[:：].*)$/u.exec(text.trim());
  if (bullet && labelledFields(text).length === 0 && headingBodies(bullet[1]!)) {
    const m = [text, '-', bullet[1]!] as unknown as RegExpExecArray;
    m.index = 0;
    return m;
  }
  return null;
}

/** The agency headings of a section and the lines each holds (up to the next heading of its level or above). */
export function headingBlocks(lines: Line[], options: HeadingOptions): HeadingBlock[] {
  const out: HeadingBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text.replace(/\*/g, '');
    // A body's heading also comes lettered ("a) Sở Nội vụ:") or as a bullet over "+" items ("- Sở Y tế:").
    const m = NUMBERED.exec(text) ?? asHeading(text);
    if (!m) {
      // (A labelled line, "- Đơn vị chủ trì: Sở Khoa học và Công nghệ.", belongs to the task above it.)
      const bullet = options.proseBullets && labelledFields(text).length === 0 ? BULLET.exec(text) : null;
      const prose = bullet ? proseLead(bullet[1]!) : null;
      if (bullet && prose && /^\S.*?\s(?:chủ trì|có trách nhiệm)(?=[\s,.;]|$)/u.test(bullet[1]!)) {
        out.push({
          heading: lines[i]!,
          number: '',
          bodies: prose.lead,
          inline: bullet[1]!,
          lines: [],
          end: i + 1,
          prose,
        });
      }
      continue;
    }
    let bodies = headingBodies(m[2]!);
    let prose: HeadingBlock['prose'];
    // In "Tổ chức thực hiện" a numbered sentence is a task when it assigns: it addresses a body ("Giao …", "Đề nghị …",
    // "Khuyến khích …") or gives it a role ("… chủ trì", "… có trách nhiệm"); "Các cơ quan căn cứ Kế hoạch triển khai
    // thực hiện" is the plan's general instruction.
    if (!bodies && options.proseItems && ASSIGNS.test(m[2]!)) {
      const found = proseLead(m[2]!);
      if (found) {
        bodies = found.lead;
        prose = { coordinating: found.coordinating };
      }
    }
    if (!bodies) continue;
    const kind = /^\d/.test(m[1]!) ? 'numbered' : /^[a-zđ]$/u.test(m[1]!) ? 'lettered' : 'bullet';
    if (kind !== 'numbered' && prose) continue;
    const depth = m[1]!.split('.').length;
    let end = i + 1;
    for (; end < lines.length; end++) {
      const text = lines[end]!.text.replace(/\*/g, '');
      const next = NUMBERED.exec(text);
      if (
        kind === 'bullet'
          ? !SUB_BULLET.test(text.trim())
          : kind === 'lettered'
            ? next || LETTERED.test(text.trim())
            : next && next[1]!.split('.').length <= depth
      )
        break;
      // The closing words of a section ("Trên đây là Kế hoạch …", "Trong quá trình thực hiện, nếu có khó khăn …",
      // the reporting rule) are no task of the last body.
      if (end > i + 1 && CLOSING.test(text)) break;
    }
    const inline = prose ? m[2]! : (/^[^:：]+[:：]\s*(\S.*)$/u.exec(m[2]!.replace(/^đề nghị\s+/iu, ''))?.[1] ?? null);
    const inlineTask = inline && !isNameList(inline) ? inline : null;
    const body = lines.slice(i + 1, end);
    // A heading whose lines carry labelled leads is a task of the labelled kind, not a body's list.
    if (body.some((l) => labelledFields(l.text).some((f) => f.field === 'lead'))) continue;
    if (body.length === 0 && !inlineTask) continue;
    out.push({
      heading: lines[i]!,
      number: kind === 'bullet' ? `${lines[i]!.line}` : m[1]!,
      bodies: stripQualifiers(bodies),
      inline: inlineTask,
      lines: body,
      end,
      ...(prose ? { prose } : {}),
    });
    i = end - 1;
  }
  return out;
}

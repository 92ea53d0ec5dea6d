// Tasks under each agency's heading: "IV. TỔ CHỨC THỰC HIỆN" → "1. Sở Nội vụ:" → bullets (or "a)", "b)" items, or
// one paragraph), each a task the heading's body leads. A role line ("a) Chủ trì, phối hợp với các sở, ngành:") over
// bullets is no task itself: it says the role and the coordinators of the bullets below it.
import { labelledFields, type Field } from './labels.ts';
import type { Line } from './plan-items.ts';

export interface HeadingTask {
  number: string;
  title: string;
  detail: string[];
  line: number;
  where: string;
  lead: { value: string; line: number };
  coordinating?: { value: string; line: number };
  fields: Partial<Record<Field, { value: string; line: number }>>;
}

const NUMBERED = /^(\d+(?:\.\d+)*)\s*[.)]\s*(\S.*)$/u;
const LETTERED = /^([a-zđ])\)\s*(\S.*)$/u;
const BULLET = /^[-–•]\s*(\S.*)$/u;
const SUB_BULLET = /^\+\s*(\S.*)$/u;

// Head words of a body's name, and of a group after "Các".
const BODY =
  /^(?:sở|ban(?!\s+hành)|công an|bộ chỉ huy|bộ đội|ubnd|ủy ban|uỷ ban|báo(?!\s+cáo)|đài|trung tâm|liên đoàn|liên minh|viện|tòa án|toà án|văn phòng|thanh tra|hội(?!\s+(?:nghị|thảo|thi|diễn))|đoàn(?!\s+kết)|tỉnh đoàn|thành đoàn|kho bạc|ngân hàng|bảo hiểm|cục|chi cục|phòng(?!\s+(?:chống|ngừa|,))|mặt trận|hiệp hội|cổng thông tin|cơ quan|đơn vị|doanh nghiệp|chủ đầu tư|bệnh viện|trường|tỉnh ủy|thành ủy|huyện ủy|đảng ủy)(?=[\s,:;]|$)/iu;
// A ministry: "Bộ Xây dựng" (never "Bộ tiêu chí", "Bộ dữ liệu").
const MINISTRY = /^Bộ\s+\p{Lu}/u;
const opensWithBody = (text: string) => BODY.test(text) || GROUP.test(text) || MINISTRY.test(text);
const GROUP =
  /^các\s+(?:sở|bộ|cơ sở|cơ quan|đơn vị|doanh nghiệp|chủ đầu tư|đoàn thể|tổ chức|hội|ban|ngành|địa phương|xã|phường|huyện|trường|bệnh viện|trung tâm)(?=[\s,:;]|$)/iu;

/**
 * The body or bodies a numbered heading names ("Sở Tài chính", "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
 * "Ủy ban nhân dân các xã: Gia Thuận, Tân Điền"), or null when it is a heading of another kind.
 */
export function headingBodies(title: string): string | null {
  let t = title
    .replace(/\*/g, '')
    .trim()
    .replace(/^đề nghị\s+/iu, '');
  if (!opensWithBody(t)) return null;
  // "Sở Nội vụ: Chủ trì tham mưu …" is a body with its first task; "UBND các xã: Gia Thuận, Tân Điền" is one name.
  const colon = /^([^:：]+)[:：]\s*(.*)$/u.exec(t);
  if (colon && colon[2] && !isNameList(colon[2])) t = colon[1]!.trim();
  t = t.replace(/[:：]\s*$/u, '');
  if (t.length > 160 || /[.;]$/.test(t) || t.split(/\s+/).length > 28) return null;
  // A sentence is not a heading: a body that leads or does something is a task written as prose.
  // (Verbs in lower case: "Sở Xây dựng" and "các tổ chức chính trị - xã hội" are names.)
  if (
    /\s(?:chủ trì|phối hợp|thực hiện|triển khai|tham mưu|có trách nhiệm|chỉ đạo|hướng dẫn|căn cứ|theo dõi)(?:\s|,|$)/u.test(
      t,
    )
  )
    return null;
  if (
    /\s(?:rà soát|ban hành|kiểm tra|tuyên truyền|nâng cao|đẩy mạnh|tăng cường|nghiên cứu|đề xuất|bố trí|quán triệt|vận động|khẩn trương|tiếp tục)(?:\s|,|$)/u.test(
      t,
    )
  )
    return null;
  return t;
}

/** "Gia Thuận, Tân Điền, Gò Công Đông": capitalised names only. */
const isNameList = (text: string) =>
  text.split(/\s*[,;]\s*|\s+và\s+/u).every((name) => /^(?:\p{Lu}[\p{L}\d-]*\s*)+$/u.test(name.trim()));

// "Chủ trì, phối hợp với các sở, ban, ngành, UBND các xã, phường và cơ quan, đơn vị có liên quan:" — a role and
// its coordinators, with no task of its own.
const ROLE_LINE = /^(chủ trì|phối hợp)(?:\s*,?\s*(?:và\s+)?(phối hợp)?\s*(?:với|cùng)?\s*(.*?))?\s*[:：]?$/iu;
const ACTION =
  /\s(?:tham mưu|tổ chức|triển khai|thực hiện|xây dựng|rà soát|hướng dẫn|kiểm tra|theo dõi|đôn đốc|nghiên cứu|đề xuất|tuyên truyền|đẩy mạnh|tăng cường|trong việc|để)\s/iu;

/**
 * A role line's coordinators; `open` when it says "phối hợp" without naming them ("b) Chủ trì, phối hợp"): each bullet
 * below then begins with its own ("- Sở Tài chính và các đơn vị có liên quan tham mưu …").
 */
function roleLine(text: string): { coordinating: string | null; open: boolean } | null {
  const m = ROLE_LINE.exec(text.replace(/\*/g, '').trim());
  if (!m) return null;
  if (ACTION.test(` ${m[3] ?? ''} `)) return null;
  const coordinating = m[3]?.trim() ? bodiesOnly(m[3]) : null;
  return { coordinating, open: !coordinating && (!!m[2] || /^phối hợp$/iu.test(m[1]!)) };
}

/** "… có liên quan", "… trong phạm vi chức năng, nhiệm vụ của mình": words after a name that are no part of it. */
export function stripQualifiers(names: string): string {
  // "… có liên quan tại khu vực biên giới, cửa khẩu": the names end where "có liên quan" starts a phrase.
  return names
    .replace(/\s+(?:có\s+)?liên quan\s+(?:tại|trên|trong|đến|tới|với|về)\s.*$/u, '')
    .replace(
      /\s*(?:,\s*)?(?:trong phạm vi chức năng,? nhiệm vụ(?: của mình| được giao)?|theo chức năng,? nhiệm vụ(?: được giao| của mình)?|(?:có\s+)?liên quan)\s*(?=[,;:.]|\s+và\s|$)/giu,
      '',
    )
    .replace(/[\s,;:.]+$/u, '')
    .trim();
}

// "Chủ trì, phối hợp với các sở, ngành, địa phương có liên quan tham mưu …": the coordinators of a task's own sentence,
// up to its verb (in lower case: "Sở Xây dựng" is a name).
const VERB_AHEAD = String.raw`(?=\s+(?:trong việc|để|tham mưu|tổ chức|triển khai|thực hiện|xây dựng|rà soát|hướng dẫn|kiểm tra|theo dõi|đôn đốc|nghiên cứu|đề xuất|tăng cường|đẩy mạnh|tuyên truyền|lập|hỗ trợ|bố trí|cân đối|phát triển|kiểm soát|giải quyết|quản lý|cung cấp|vận động|chỉ đạo|phổ biến|tổng hợp|thu hút|tạo điều kiện)(?=\s|,|$)|[.;:]|$)`;
const COORDINATING_IN_TEXT = new RegExp(
  String.raw`^(?:chủ trì|chủ động)\s*,?\s*(?:và\s+)?phối hợp\s+(?:chặt chẽ\s+)?(?:với\s+|cùng\s+)?(.+?)${VERB_AHEAD}`,
  'u',
);
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export function coordinatorsInText(text: string): string | null {
  const m = COORDINATING_IN_TEXT.exec(lowerFirst(text.replace(/\*/g, '').trim()));
  return m ? bodiesOnly(m[1]!) : null;
}

// Words that open the name of a coordinator, a body or a group, in lower case too ("các sở, ngành", "doanh nghiệp").
const NAMES_OPEN =
  /^(?:các|sở|bộ|ban|ubnd|ủy ban|uỷ ban|cơ quan|đơn vị|địa phương|doanh nghiệp|hội|đoàn|lực lượng|công an|trung tâm|phòng|văn phòng|ngân hàng|tổ chức|chủ đầu tư|cơ sở|viện|trường|báo|đài|liên đoàn|liên minh|mặt trận)(?=[\s,]|$)/iu;

/** The names at the start of a clause, or null when the clause opens with something else (a verb, a topic). */
function bodiesOnly(words: string): string | null {
  const cut = stripQualifiers(words.replace(/\s+(?:kịp thời|thường xuyên|chặt chẽ|để|nhằm|trong)(?:\s.*)?$/u, ''))
    .replace(/[\s,;]+(?:và|cùng)$/u, '')
    .trim();
  if (!cut || !(NAMES_OPEN.test(cut) || MINISTRY.test(cut)) || cut.split(/\s+/).length > 24) return null;
  return cut;
}

const CLOSING =
  /^(?:trên đây là|trong quá trình (?:tổ chức )?(?:thực hiện|triển khai)|quá trình (?:tổ chức )?thực hiện|định kỳ\s.*báo cáo|chế độ báo cáo|kế hoạch này thay thế|điều \d+\.)/iu;

// Where a body's name ends in a sentence that opens with it: its first verb (in lower case: "Sở Xây dựng" is a name)
// or "có liên quan". "các tổ chức" is a group, not the verb "tổ chức".
const NAME_END =
  /\s(?:chủ trì|chủ động|có trách nhiệm|phối hợp|tiên phong|xây dựng|chỉ đạo|phát huy|mở thêm|(?<!các\s)tổ chức|triển khai|thực hiện|tham mưu|ưu tiên|căn cứ|bằng|theo dõi|tăng cường|đẩy mạnh|tích cực|thường xuyên|kịp thời|nghiên cứu|hướng dẫn|kiểm tra|rà soát|quán triệt|tuyên truyền|vận động|cung cấp|bố trí|đề xuất|khẩn trương|nâng cao|tổng hợp|(?:có\s+)?liên quan)(?=[\s,;:.]|$)/u;

/**
 * A sentence that opens with the body it assigns: "Sở Nội vụ chủ trì tham mưu …", "Giao Công an tỉnh chủ trì …",
 * "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các Đoàn thể tỉnh bằng nhiều hình thức … tuyên truyền", "Các đơn
 * vị, địa phương có trách nhiệm …". Returns the bodies and, from "…; Sở Tư pháp và các cơ quan liên quan chủ động phối
 * hợp …" or "chủ động phối hợp với X", the coordinators.
 */
export function proseLead(text: string): { lead: string; coordinating: string | null } | null {
  const t = text
    .replace(/\*/g, '')
    .trim()
    .replace(/^(?:đồng thời,?\s*)?(?:giao|đề nghị|khuyến khích)\s+/iu, '');
  if (!opensWithBody(t)) return null;
  const end = NAME_END.exec(t);
  if (!end || end.index === 0) return null;
  const lead = stripQualifiers(t.slice(0, end.index));
  if (!lead || lead.split(/\s+/).length > 24 || /[.;:]/.test(lead)) return null;
  const rest = t.slice(end.index);
  // The body leads the task; another body of the same sentence that "phối hợp" coordinates it.
  const later = /;\s*([^;]+?)\s+(?:chủ động\s+)?phối hợp(?=\s|,|$)/u.exec(rest);
  const with_ = new RegExp(
    String.raw`^\s*(?:chủ trì,?\s*)?(?:chủ động\s+)?phối hợp\s+(?:chặt chẽ\s+)?(?:với\s+|cùng\s+)?(.+?)${VERB_AHEAD}`,
    'u',
  ).exec(rest);
  const coordinating =
    later && opensWithBody(later[1]!) ? stripQualifiers(later[1]!) : with_ ? bodiesOnly(with_[1]!) : null;
  return { lead, coordinating: coordinating || null };
}

const ASSIGNS =
  /^(?:đồng thời,?\s*)?(?:giao|đề nghị|khuyến khích)\s|^[^.;:]{3,120}?\s(?:chủ trì|chủ động|có trách nhiệm)(?=[\s,.;]|$)/iu;

interface Block {
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

/** The agency headings of a section and the lines each holds (up to the next heading of its level or above). */
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

function blocks(lines: Line[], options: HeadingOptions): Block[] {
  const out: Block[] = [];
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
    let prose: Block['prose'];
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

/**
 * Reads the tasks under agency headings. Returns the tasks, the lines they took (every line of each block: none is
 * left for the other readers) and the numbers of the headings (so that a heading above them, "2. Phân công trách
 * nhiệm", is known as their group).
 */
export function readHeadingTasks(
  lines: Line[],
  options: HeadingOptions = {},
): { tasks: HeadingTask[]; taken: Set<Line>; headings: string[] } {
  const tasks: HeadingTask[] = [];
  const taken = new Set<Line>();
  const headings: string[] = [];
  let bullets = 0;
  for (const block of blocks(lines, options)) {
    taken.add(block.heading);
    const lead = { value: block.bodies, line: block.heading.line };
    if (block.prose) {
      // One task: the sentence, with the paragraphs below it as its detail.
      const number = block.number || `b${++bullets}`;
      const task: HeadingTask = {
        number,
        title: block.inline ?? '',
        detail: [],
        line: block.heading.line,
        where: block.heading.where,
        lead,
        fields: {},
      };
      if (block.prose.coordinating) task.coordinating = { value: block.prose.coordinating, line: block.heading.line };
      for (const line of block.lines) {
        taken.add(line);
        const labels = labelledFields(line.text);
        if (labels.length)
          for (const { field, value } of labels) {
            if (value) task.fields[field] ??= { value, line: line.line };
          }
        else task.detail.push(line.text);
      }
      tasks.push(task);
      continue;
    }
    headings.push(block.number);
    let role: { coordinating: string | null; open: boolean; line: number } | null = null;
    // The task the next bullets belong to: a lettered task ending in ":" (or holding bullets) keeps them as detail.
    let owner: HeadingTask | null = null;
    let current: HeadingTask | null = null;
    let count = 0;
    const start = (text: string, at: Line, ownsBullets: boolean) => {
      count += 1;
      const task: HeadingTask = {
        number: `${block.number}.${count}`,
        title: text,
        detail: [],
        line: at.line,
        where: at.where,
        lead,
        fields: {},
      };
      const own = coordinatorsInText(role?.open ? `Chủ trì, phối hợp ${text}` : text);
      const coordinating = own ?? role?.coordinating ?? null;
      if (coordinating) task.coordinating = { value: coordinating, line: own ? at.line : role!.line };
      tasks.push(task);
      current = task;
      owner = ownsBullets ? task : null;
    };
    if (block.inline) start(block.inline, block.heading, false);
    const plusOnTop = block.lines.every((l) => {
      const t = l.text.replace(/^\*+/, '').trim();
      return !BULLET.test(t) && !LETTERED.test(t);
    });
    block.lines.forEach((line, k) => {
      taken.add(line);
      const text = line.text.replace(/^\*+|\*+$/g, '').trim();
      const bulletsFollow = BULLET.test(block.lines[k + 1]?.text.replace(/^\*+/, '').trim() ?? '');
      const labels = labelledFields(text);
      if (labels.length && current) {
        for (const { field, value } of labels)
          if (value) (current as HeadingTask).fields[field] ??= { value, line: line.line };
        return;
      }
      // A role line says the role of the bullets below it: it ends in a colon, or bullets follow it.
      const asRole = (words: string) =>
        (/[:：]$/.test(words) || bulletsFollow) && !/[.;]\s/.test(words) ? roleLine(words) : null;
      const lettered = LETTERED.exec(text);
      if (lettered) {
        const r = asRole(lettered[2]!);
        if (r) {
          role = { ...r, line: line.line };
          owner = null;
          current = null;
          return;
        }
        role = null;
        start(lettered[2]!, line, true);
        return;
      }
      const bullet = BULLET.exec(text);
      if (bullet) {
        if (owner) {
          (owner as HeadingTask).detail.push(text);
          return;
        }
        start(bullet[1]!, line, false);
        return;
      }
      const sub = SUB_BULLET.exec(text);
      // "+" items are the body's tasks where they are its top level ("- Sở Y tế:" over "+ …"), else a task's detail.
      if (sub && plusOnTop) {
        start(sub[1]!, line, false);
        return;
      }
      if (sub && current) {
        (current as HeadingTask).detail.push(text);
        return;
      }
      const r = asRole(text);
      if (r) {
        role = { ...r, line: line.line };
        owner = null;
        current = null;
        return;
      }
      if (owner) {
        (owner as HeadingTask).detail.push(text);
        return;
      }
      // A paragraph ending in ":" holds the bullets below it ("Tham mưu UBND tỉnh trình HĐND quyết định:").
      start(text, line, /[:：]$/.test(text));
    });
  }
  return { tasks, taken, headings };
}

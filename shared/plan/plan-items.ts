// The numbered items of a plan section ("1.", "1.2.", "a)"), with their paragraphs and labelled fields.
import { inlineFields, labelledFields, letteredField, unknownLabel, type Field } from './labels.ts';

export interface Line {
  text: string;
  line: number;
  where: string;
}

export interface Item {
  number: string;
  title: string;
  line: number;
  where: string;
  detail: string[];
  fields: Partial<Record<Field, { value: string; line: number }>>;
  /** Label-shaped lines whose label the parser does not know (kept in `detail`). */
  unknownLabels: { label: string; line: number }[];
  /** Set when the item's labels came in after its last paragraph: a further paragraph then starts a new task. */
  labelled?: boolean;
  /** Items made from the paragraphs of one heading ("4." → "4.1", "4.2"): the heading they came from. */
  splitFrom?: Item;
  /** Every line the item took: its own, its paragraphs and its labels (what the parser's coverage counts). */
  lines: Line[];
}

export interface Items {
  items: Item[];
  /** Lines of the section before its first item: in no item. */
  loose: Line[];
}

export const NUMBERED =
  /^(\d+(?:\.\d+)*)\s*[.)]\s*(\S.*)$|^(\d+\.\d+(?:\.\d+)*)\s+(\S.*)$|^([a-zđ])\)\s*(\S.*)$|^\((\d+)\)\s*(\S.*)$/u;
export const BULLET = /^[-–+•]\s*(\S.*)$/u;
const ASSIGNING: ReadonlySet<Field> = new Set(['lead', 'coordinating']);

/**
 * Numbered items ("1.", "1.2.", "a)") with their following paragraphs and labelled lines. Under one heading, a
 * paragraph that follows labels and is itself followed by a lead or coordinating label starts a task of its own
 * ("4. Nâng cao năng lực" with three labelled paragraphs gives 4.1, 4.2, 4.3; the heading becomes their group).
 */
export function collectItems(lines: Line[], bulletsAreItems: boolean): Items {
  const items: Item[] = [];
  const loose: Line[] = [];
  let bullets = 0;
  const setField = (item: Item, field: Field, value: string, line: number) => {
    if (!value) return;
    const previous = item.fields[field];
    item.fields[field] = previous ? { value: `${previous.value}, ${value}`, line: previous.line } : { value, line };
  };
  const labelsOf = lines.map((line) => labelledFields(line.text));
  // For each line: does a lead or coordinating label come before the next numbered line?
  const assignsAhead: boolean[] = new Array(lines.length).fill(false);
  for (let i = lines.length - 2; i >= 0; i--) {
    const next = lines[i + 1]!.text;
    if (NUMBERED.exec(next) && !letteredField(next)) continue;
    assignsAhead[i] = assignsAhead[i + 1]! || labelsOf[i + 1]!.some((l) => ASSIGNING.has(l.field));
  }
  // A lead or coordinating label left open ("- Cơ quan phối hợp:"): the "+ " bullets below it are its agencies.
  let open: Field | null = null;
  lines.forEach((line, i) => {
    const current = items[items.length - 1];
    const labels = labelsOf[i]!;
    if (labels.length && current) {
      for (const { field, value } of labels) setField(current, field, value, line.line);
      current.labelled = true;
      current.lines.push(line);
      const last = labels[labels.length - 1]!;
      open = ASSIGNING.has(last.field) && !last.value ? last.field : null;
      return;
    }
    const plus = open && current ? /^\+\s*(\S.*)$/u.exec(line.text) : null;
    if (plus && open && current) {
      setField(current, open, plus[1]!.replace(/[;,.]+$/u, ''), line.line);
      current.lines.push(line);
      return;
    }
    open = null;
    // The lettered layout: "a) Nhiệm vụ: …", "b) Cơ quan thực hiện:" (its values on the lines below), "c) Thời gian …".
    const lettered = current ? letteredField(line.text) : null;
    if (lettered && current) {
      current.lines.push(line);
      if (lettered.field === 'title' || lettered.field === 'note') {
        if (lettered.value) current.detail.push(lettered.value);
      } else setField(current, lettered.field, lettered.value, line.line);
      return;
    }
    const numbered = NUMBERED.exec(line.text);
    const bullet = bulletsAreItems ? BULLET.exec(line.text) : null;
    if (numbered || bullet) {
      let number = numbered ? (numbered[1] ?? numbered[3] ?? numbered[5] ?? `(${numbered[7]})`)! : String(++bullets);
      // A lettered item belongs to the numbered one above it: "a)" under "2." is "2.a".
      if (numbered?.[5]) {
        const parent = [...items].reverse().find((it) => /^\d+(\.\d+)*$/.test(it.number));
        if (parent) number = `${parent.number}.${number}`;
      }
      const inline = inlineFields(numbered ? (numbered[2] ?? numbered[4] ?? numbered[6] ?? numbered[8])! : bullet![1]!);
      const item: Item = {
        number,
        title: inline.title,
        line: line.line,
        where: line.where,
        detail: [],
        fields: {},
        unknownLabels: [],
        lines: [line],
      };
      for (const { field, value } of inline.fields) setField(item, field, value, line.line);
      items.push(item);
      return;
    }
    if (!current) {
      loose.push(line);
      return;
    }
    if (current.labelled && assignsAhead[i]) {
      items.push(splitOff(items, current, line));
      return;
    }
    const unknown = unknownLabel(line.text);
    if (unknown) current.unknownLabels.push({ label: unknown, line: line.line });
    current.detail.push(line.text);
    current.lines.push(line);
  });
  return { items, loose };
}

/** A further labelled paragraph under one heading: the heading becomes a group, each paragraph a task of it. */
function splitOff(items: Item[], current: Item, line: Line): Item {
  let heading = current.splitFrom;
  if (!heading) {
    // The first task keeps what the heading gathered: its paragraph (or its own words) and its labels.
    heading = current;
    const first: Item = {
      number: `${current.number}.1`,
      title: current.detail[0] ?? current.title,
      line: current.line,
      where: current.where,
      detail: current.detail.slice(1),
      fields: current.fields,
      unknownLabels: current.unknownLabels,
      labelled: true,
      splitFrom: heading,
      lines: current.lines.slice(1),
    };
    heading.lines = current.lines.slice(0, 1);
    heading.detail = [];
    heading.fields = {};
    heading.unknownLabels = [];
    heading.labelled = false;
    items.push(first);
  }
  const siblings = items.filter((it) => it.splitFrom === heading).length;
  return {
    number: `${heading.number}.${siblings + 1}`,
    title: line.text.replace(/^[-–+•]\s*/u, ''),
    line: line.line,
    where: line.where,
    detail: [],
    fields: {},
    unknownLabels: [],
    splitFrom: heading,
    lines: [line],
  };
}

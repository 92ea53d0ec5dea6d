// The numbered items of a plan section ("1.", "1.2.", "a)"), with their paragraphs and labelled fields.
import { inlineFields, labelledFields, type Field } from './labels.ts';

export interface Line { text: string; line: number; where: string }

export interface Item {
  number: string;
  title: string;
  line: number;
  where: string;
  detail: string[];
  fields: Partial<Record<Field, { value: string; line: number }>>;
}

export const NUMBERED = /^(\d+(?:\.\d+)*)\s*[.)]\s*(\S.*)$|^(\d+\.\d+(?:\.\d+)*)\s+(\S.*)$|^([a-zđ])\)\s*(\S.*)$/u;
export const BULLET = /^[-–+•]\s*(\S.*)$/u;

/** Numbered items ("1.", "1.2.", "a)") with their following paragraphs and labelled lines. */
export function collectItems(lines: Line[], bulletsAreItems: boolean): Item[] {
  const items: Item[] = [];
  let bullets = 0;
  const setField = (item: Item, field: Field, value: string, line: number) => {
    const previous = item.fields[field];
    item.fields[field] = previous ? { value: `${previous.value}, ${value}`, line: previous.line } : { value, line };
  };
  for (const line of lines) {
    const labels = labelledFields(line.text);
    const current = items[items.length - 1];
    if (labels.length && current) {
      for (const { field, value } of labels) setField(current, field, value, line.line);
      continue;
    }
    const numbered = NUMBERED.exec(line.text);
    const bullet = bulletsAreItems ? BULLET.exec(line.text) : null;
    if (numbered || bullet) {
      let number = numbered ? (numbered[1] ?? numbered[3] ?? numbered[5])! : String(++bullets);
      // A lettered item belongs to the numbered one above it: "a)" under "2." is "2.a".
      if (numbered?.[5]) {
        const parent = [...items].reverse().find((it) => /^\d+(\.\d+)*$/.test(it.number));
        if (parent) number = `${parent.number}.${number}`;
      }
      const inline = inlineFields(numbered ? (numbered[2] ?? numbered[4] ?? numbered[6])! : bullet![1]!);
      const item: Item = { number, title: inline.title, line: line.line, where: line.where, detail: [], fields: {} };
      for (const { field, value } of inline.fields) setField(item, field, value, line.line);
      items.push(item);
    } else if (current) {
      current.detail.push(line.text);
    }
  }
  return items;
}


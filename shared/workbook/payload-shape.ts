// The shape of a report payload, checked on its JSON text before it is parsed: one pass over the characters that
// counts keys, rows, cells and depth, and stops at the first count past GRID_LIMITS. A body of 150,000 sheets or a
// million cells is refused after reading a few kilobytes of it, and never becomes objects. The text is not
// validated as JSON here (JSON.parse does that afterwards): only counted.
import { GRID_LIMITS } from './grid-payload.ts';

/** Where the payload is too large and which limit it passes: `field` is a path such as "grid" or "grid.Nhiệm vụ.3". */
export interface ShapeFault {
  field: string;
  what: 'keys' | 'rows' | 'columns' | 'cells' | 'depth';
  limit: number;
}

/** Containers deeper than this are refused: {grid: {sheet: [[cell]]}} is 4 deep, a cell that is an object 5. */
export const MAX_DEPTH = 8;

interface Frame {
  array: boolean;
  count: number;
  path: string;
  expectKey: boolean;
  key: string;
}

const QUOTE = 0x22;
/** What ends a number or a literal: white space, the structural characters and a quote. */
const DELIMITERS = new Set([0x20, 0x0a, 0x0d, 0x09, 0x2c, 0x3a, 0x5b, 0x5d, 0x7b, 0x7d, QUOTE]);
const BACKSLASH = 0x5c;

/** The end (index of the closing quote) of the string that starts at `start`, or -1 when it does not end. */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    at = text.indexOf('"', at);
    if (at < 0) return -1;
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === BACKSLASH) slashes += 1;
    if (slashes % 2 === 0) return at;
    at += 1;
  }
}

/** A key as written, decoded when it holds escapes, clipped for a message. */
function keyText(raw: string): string {
  let key = raw;
  if (raw.includes('\\')) {
    try {
      key = JSON.parse(`"${raw}"`) as string;
    } catch {
      /* JSON.parse will say */
    }
  }
  return key.length > 60 ? `${key.slice(0, 60)}…` : key;
}

/** The first place the payload's JSON text passes a limit of GRID_LIMITS, or null. Linear in the text, stops early. */
export function payloadShapeFault(text: string): ShapeFault | null {
  const stack: Frame[] = [];
  let cells = 0;
  // A value starts in the container on top: an array counts it (rows of a sheet, cells of a row).
  const value = (): ShapeFault | null => {
    const top = stack[stack.length - 1];
    if (!top?.array) return null;
    top.count += 1;
    if (stack.length === 3 && top.count > GRID_LIMITS.rows)
      return { field: top.path, what: 'rows', limit: GRID_LIMITS.rows };
    if (stack.length === 4) {
      if (top.count > GRID_LIMITS.columns) return { field: top.path, what: 'columns', limit: GRID_LIMITS.columns };
      if (++cells > GRID_LIMITS.cells) return { field: stack[1]!.path, what: 'cells', limit: GRID_LIMITS.cells };
    }
    return null;
  };
  const childPath = (top: Frame | undefined) =>
    top === undefined
      ? ''
      : top.array
        ? top.path
          ? `${top.path}.${top.count - 1}`
          : String(top.count - 1)
        : top.path
          ? `${top.path}.${top.key}`
          : top.key;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09 || ch === 0x2c || ch === 0x3a) {
      const top = stack[stack.length - 1];
      if (ch === 0x2c && top && !top.array) top.expectKey = true;
      continue;
    }
    if (ch === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return null;
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) {
        top.expectKey = false;
        top.key = keyText(text.slice(i + 1, end));
        if (++top.count > GRID_LIMITS.sheets)
          return { field: top.path || 'body', what: 'keys', limit: GRID_LIMITS.sheets };
      } else {
        const fault = value();
        if (fault) return fault;
      }
      i = end;
      continue;
    }
    if (ch === 0x7b || ch === 0x5b) {
      // { [
      const fault = value();
      if (fault) return fault;
      const path = childPath(stack[stack.length - 1]);
      if (stack.length >= MAX_DEPTH) return { field: path || 'body', what: 'depth', limit: MAX_DEPTH };
      stack.push({ array: ch === 0x5b, count: 0, path, expectKey: ch === 0x7b, key: '' });
      continue;
    }
    if (ch === 0x7d || ch === 0x5d) {
      stack.pop();
      continue;
    } // } ]
    // A number or a literal: one value, to the next delimiter.
    const fault = value();
    if (fault) return fault;
    while (i + 1 < text.length && !DELIMITERS.has(text.charCodeAt(i + 1))) i += 1;
  }
  return null;
}

/** The fault in words, Vietnamese then English. */
export function shapeFaultWording(fault: ShapeFault): { vi: string; en: string } {
  const n = fault.limit.toLocaleString('en');
  switch (fault.what) {
    case 'keys':
      return { vi: `hơn ${n} khóa (trang tính)`, en: `more than ${n} keys (sheets)` };
    case 'rows':
      return { vi: `hơn ${n} dòng`, en: `more than ${n} rows` };
    case 'columns':
      return { vi: `hơn ${n} ô trên một dòng`, en: `more than ${n} cells in a row` };
    case 'cells':
      return {
        vi: `hơn ${n} ô, nhiều hơn các trang của mẫu báo cáo có thể chứa`,
        en: `more than ${n} cells, more than the template's sheets can hold`,
      };
    case 'depth':
      return { vi: `lồng sâu hơn ${fault.limit} cấp`, en: `nested deeper than ${fault.limit} levels` };
  }
}

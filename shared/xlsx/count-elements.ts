// A cheap count of an XML part's elements, on its bytes, before the part is decoded or parsed: a part that holds
// more elements than any workbook of the template can (3 million empty shared strings in a 94 KB zip) is refused
// without building a thing. It finds each "<" (native indexOf) and compares the name after it, prefix ignored.

const LT = 0x3c;
const SLASH = 0x2f;
const COLON = 0x3a;

const ends = (b: number | undefined) =>
  b === undefined || b === 0x3e || b === SLASH || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** The start tags named `local` (any prefix) in `bytes`, counted up to `stopAfter` + 1 at most. */
export function countElements(bytes: Uint8Array, local: string, stopAfter: number): number {
  const name = [...local].map((ch) => ch.charCodeAt(0));
  let count = 0;
  for (let at = bytes.indexOf(LT); at >= 0; at = bytes.indexOf(LT, at + 1)) {
    let start = at + 1;
    const first = bytes[start];
    if (first === SLASH || first === 0x3f || first === 0x21) continue; // end tag, <?…?>, <!…>
    // Skip a prefix ("x:si"): the name is what follows the first colon before the name ends.
    for (let k = start; k < start + 32 && k < bytes.length && !ends(bytes[k]); k++)
      if (bytes[k] === COLON) {
        start = k + 1;
        break;
      }
    let same = true;
    for (let k = 0; k < name.length; k++)
      if (bytes[start + k] !== name[k]) {
        same = false;
        break;
      }
    if (same && ends(bytes[start + name.length]) && ++count > stopAfter) return count;
  }
  return count;
}

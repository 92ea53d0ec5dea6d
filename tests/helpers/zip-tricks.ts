// Hand-made zip archives for hostile-input tests: lying sizes, bad CRCs, overlapping entries, odd names.
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../shared/xlsx/crc32.ts';

export interface RawEntry {
  name: string;
  data: Uint8Array;
  /** Stored (0) or deflated (8, the default). */
  method?: 0 | 8;
  /** Overrides of what the headers declare. */
  declaredSize?: number;
  crc?: number;
  flags?: number;
}

const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** A zip whose headers say what the entries ask, true or not. */
export function rawZip(entries: RawEntry[], options: { overlapAll?: boolean } = {}): Uint8Array {
  const parts: number[][] = [];
  const central: number[][] = [];
  let offset = 0;
  let firstOffset = 0;
  entries.forEach((e, i) => {
    const method = e.method ?? 8;
    const body = method === 8 ? new Uint8Array(deflateRawSync(e.data)) : e.data;
    const name = [...Buffer.from(e.name, 'utf8')];
    const size = e.declaredSize ?? e.data.length;
    const crc = e.crc ?? crc32(e.data);
    const flags = (e.flags ?? 0) | 0x800;
    const at = options.overlapAll && i > 0 ? firstOffset : offset;
    if (!(options.overlapAll && i > 0)) {
      const local = [
        ...u32(0x04034b50),
        ...u16(20),
        ...u16(flags),
        ...u16(method),
        ...u16(0),
        ...u16(0),
        ...u32(crc),
        ...u32(body.length),
        ...u32(size),
        ...u16(name.length),
        ...u16(0),
        ...name,
        ...body,
      ];
      parts.push(local);
      if (i === 0) firstOffset = offset;
      offset += local.length;
    }
    central.push([
      ...u32(0x02014b50),
      ...u16(20),
      ...u16(20),
      ...u16(flags),
      ...u16(method),
      ...u16(0),
      ...u16(0),
      ...u32(crc),
      ...u32(body.length),
      ...u32(size),
      ...u16(name.length),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u32(0),
      ...u32(at),
      ...name,
    ]);
  });
  const cd = central.flat();
  const end = [
    ...u32(0x06054b50),
    ...u16(0),
    ...u16(0),
    ...u16(central.length),
    ...u16(central.length),
    ...u32(cd.length),
    ...u32(offset),
    ...u16(0),
  ];
  return new Uint8Array([...parts.flat(), ...cd, ...end]);
}

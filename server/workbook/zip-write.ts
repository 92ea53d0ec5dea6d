// Writing a zip from parts already deflated (raw DEFLATE, method 8): the local headers, the data, the central
// directory and its end record, as pieces to write in order. Timestamps are fixed (1980-01-01), names UTF-8, so the
// same parts always give the same bytes. No zip64: a part or the archive past 4 GiB is refused.

export interface ZipPart {
  name: string;
  /** The part's raw DEFLATE data, in pieces that concatenate into one stream. */
  data: Uint8Array[];
  /** CRC-32 and size of the uncompressed part. */
  crc: number;
  size: number;
}

const DOS_DATE_1980_01_01 = 0x21;

export function* zipPieces(parts: ZipPart[]): Generator<Uint8Array> {
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const compressed = p.data.reduce((n, c) => n + c.length, 0);
    if (compressed >= 0xffffffff || p.size >= 0xffffffff || offset >= 0xffffffff)
      throw new Error(`${p.name}: too large for a zip without zip64`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(compressed, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by
    header.writeUInt16LE(20, 6); // needed
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    header.writeUInt32LE(p.crc >>> 0, 16);
    header.writeUInt32LE(compressed, 20);
    header.writeUInt32LE(p.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    yield local;
    yield name;
    yield* p.data;
    offset += local.length + name.length + compressed;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield directory;
  yield end;
}

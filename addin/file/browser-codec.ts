// The browser host of the shared Office-file reader: fflate's streaming inflater, stopped at the cap, and TextDecoder.
import { Inflate } from 'fflate';
import { InflateTooLarge, type Codec } from '../../shared/xlsx/codec.ts';

const decoder = new TextDecoder('utf-8');
const fatalDecoder = new TextDecoder('utf-8', { fatal: true });
const CHUNK = 64 * 1024;

export const BROWSER_CODEC: Codec = {
  inflateRaw(data, maxOut) {
    const parts: Uint8Array[] = [];
    let size = 0;
    const inflater = new Inflate((chunk) => {
      size += chunk.length;
      if (size > maxOut) throw new InflateTooLarge();
      parts.push(chunk);
    });
    for (let at = 0; at < data.length; at += CHUNK)
      inflater.push(data.subarray(at, at + CHUNK), at + CHUNK >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(), true);
    const out = new Uint8Array(size);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  },
  utf8: (bytes, options) => (options?.fatal ? fatalDecoder : decoder).decode(bytes),
};

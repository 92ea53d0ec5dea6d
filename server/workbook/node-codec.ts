// The Node host of the shared Office-file reader: native zlib, capped, and TextDecoder.
import { constants, crc32, inflateRawSync } from 'node:zlib';
import { InflateTooLarge, type Codec } from '../../shared/xlsx/codec.ts';

const decoder = new TextDecoder('utf-8');
const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

export const NODE_CODEC: Codec = {
  inflateRaw(data, maxOut) {
    try {
      return inflateRawSync(data, { maxOutputLength: Math.max(1, maxOut) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new InflateTooLarge();
      throw error;
    }
  },
  utf8: (bytes, options) => (options?.fatal ? fatalDecoder : decoder).decode(bytes),
  crc32: (bytes) => crc32(bytes),
  inflateRawHead(data, maxOut) {
    // A prefix of the compressed data, flushed as far as it goes: one compressed byte inflates to at most 1,032.
    try {
      return inflateRawSync(data.subarray(0, Math.max(1, Math.floor(maxOut / 1032))), {
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: Math.max(1, maxOut),
      });
    } catch {
      return new Uint8Array(0); // damaged data: the whole inflation says so
    }
  },
};

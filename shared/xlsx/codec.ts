// What reading an Office file needs from its host: raw DEFLATE with a cap, and UTF-8. Node gives native zlib
// and TextDecoder (server/), a browser gives fflate and TextDecoder (addin/file); the reader itself is shared.

/** Thrown by `inflateRaw` when the data inflates past the allowed size. */
export class InflateTooLarge extends Error {}

export interface Codec {
  /** Inflates raw DEFLATE data; throws InflateTooLarge past `maxOut` bytes and any Error on damaged data. */
  inflateRaw(data: Uint8Array, maxOut: number): Uint8Array;
  /** Decodes UTF-8: invalid sequences become U+FFFD, or with `fatal` throw (the XML parts of a workbook). */
  utf8(bytes: Uint8Array, options?: { fatal: boolean }): string;
  /** The host's own CRC-32 when it has one (Node's zlib); the shared table-driven one otherwise. */
  crc32?(bytes: Uint8Array): number;
  /**
   * The first bytes (at most `maxOut`) raw DEFLATE data inflates to, without inflating the rest: what a count of a
   * part's elements looks at before the part is inflated whole. Optional; hosts without it inflate whole parts.
   */
  inflateRawHead?(data: Uint8Array, maxOut: number): Uint8Array;
}

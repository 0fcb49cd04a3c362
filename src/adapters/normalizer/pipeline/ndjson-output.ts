
/**
 * The UTF-8 bytes of a block's output, written in place. Each thread reuses one block after
 * block: a fresh buffer per block is memory outside the thread's small heap, freed late.
 */
export class NdjsonOutput {
  readonly #encoder = new TextEncoder();
  #bytes = new Uint8Array(256 * 1024);
  #length = 0;

  /** Starts over; what `bytes` returned before is overwritten from here on. */
  reset(): void {
    this.#length = 0;
  }

  /** What was written since the last reset: a view, valid until the next write. */
  bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  /** Makes room for `count` more bytes, so that the writes covered by it need no checks. */
  reserve(count: number): void {
    const needed = this.#length + count;
    if (needed <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(needed, 2 * this.#bytes.length));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }

  /** Any text, encoded as UTF-8. */
  text(text: string): void {
    for (;;) {
      const { read, written } = this.#encoder.encodeInto(text, this.#bytes.subarray(this.#length));
      if (read === text.length) {
        this.#length += written;
        return;
      }
      this.reserve(3 * text.length);
    }
  }

  /**
   * A string as JSON.stringify writes it (escapes, `\udXXX` for a lone surrogate), as UTF-8, without
   * the intermediate string and its encoding: ASCII, the common case, a byte per character.
   */
  jsonString(text: string): void {
    const length = text.length;
    this.reserve(length + 2);
    let bytes = this.#bytes;
    let at = this.#length;
    bytes[at++] = QUOTE;
    let i = 0;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c === QUOTE || c === BACKSLASH || c >= 0x80) break;
      bytes[at++] = c;
    }
    if (i < length) {
      // Past the plain run a character takes up to 6 bytes (`\u001f`; 3 for UTF-8 of one UTF-16 unit).
      this.#length = at;
      this.reserve(6 * (length - i) + 1);
      bytes = this.#bytes;
      for (; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x20 && c < 0x80) {
          if (c === QUOTE || c === BACKSLASH) bytes[at++] = BACKSLASH;
          bytes[at++] = c;
        } else if (c < 0x20) {
          const short = SHORT_ESCAPES[c]!;
          bytes[at++] = BACKSLASH;
          if (short !== 0) {
            bytes[at++] = short;
          } else {
            bytes[at++] = 0x75; // u
            bytes[at++] = 0x30;
            bytes[at++] = 0x30;
            bytes[at++] = HEX[c >> 4]!;
            bytes[at++] = HEX[c & 15]!;
          }
        } else if (c < 0x800) {
          bytes[at++] = 0xc0 | (c >> 6);
          bytes[at++] = 0x80 | (c & 63);
        } else if (c < 0xd800 || c > 0xdfff) {
          bytes[at++] = 0xe0 | (c >> 12);
          bytes[at++] = 0x80 | ((c >> 6) & 63);
          bytes[at++] = 0x80 | (c & 63);
        } else {
          const next = i + 1 < length ? text.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
            bytes[at++] = 0xf0 | (point >> 18);
            bytes[at++] = 0x80 | ((point >> 12) & 63);
            bytes[at++] = 0x80 | ((point >> 6) & 63);
            bytes[at++] = 0x80 | (point & 63);
            i++;
          } else {
            // A lone surrogate: escaped, as a well-formed JSON.stringify does.
            bytes[at++] = BACKSLASH;
            bytes[at++] = 0x75;
            bytes[at++] = HEX[c >> 12]!;
            bytes[at++] = HEX[(c >> 8) & 15]!;
            bytes[at++] = HEX[(c >> 4) & 15]!;
            bytes[at++] = HEX[c & 15]!;
          }
        }
      }
    }
    bytes[at++] = QUOTE;
    this.#length = at;
  }

  // The writes below assume room was reserved.

  /** Text known to be ASCII (digits). */
  ascii(text: string): void {
    const bytes = this.#bytes;
    let at = this.#length;
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
    this.#length = at;
  }

  /** Bytes [start, end) of `source`; short runs (values, attrs) by hand, cheaper than a view and a native call. */
  copy(source: Uint8Array, start: number, end: number): void {
    const bytes = this.#bytes;
    let at = this.#length;
    if (end - start > 256) {
      bytes.set(source.subarray(start, end), at);
      at += end - start;
    } else {
      for (let i = start; i < end; i++) bytes[at++] = source[i]!;
    }
    this.#length = at;
  }

  /** A constant, encoded once beforehand. */
  constant(encoded: Uint8Array): void {
    const bytes = this.#bytes;
    let at = this.#length;
    for (let i = 0; i < encoded.length; i++) bytes[at++] = encoded[i]!;
    this.#length = at;
  }

  byte(value: number): void {
    this.#bytes[this.#length++] = value;
  }

  /** A non-negative integer below 2^53, in decimal. */
  integer(value: number): void {
    if (value > 0x7fffffff) {
      this.ascii(String(value));
      return;
    }
    const bytes = this.#bytes;
    let digits = 1;
    for (let rest = value; rest >= 10; rest = (rest / 10) | 0) digits++;
    let at = this.#length + digits;
    this.#length = at;
    for (let rest = value; digits > 0; digits--) {
      const next = (rest / 10) | 0;
      bytes[--at] = 0x30 + rest - 10 * next;
      rest = next;
    }
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** The letter of JSON's two-character escape of a control character (`\n`), 0 where it has none. */
const SHORT_ESCAPES = new Uint8Array(0x20);
for (const [c, letter] of [[0x08, 'b'], [0x09, 't'], [0x0a, 'n'], [0x0c, 'f'], [0x0d, 'r']] as const) SHORT_ESCAPES[c] = letter.charCodeAt(0);

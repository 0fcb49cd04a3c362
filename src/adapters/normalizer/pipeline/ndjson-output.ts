
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

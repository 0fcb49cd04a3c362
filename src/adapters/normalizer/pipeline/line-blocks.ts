import type { LineParser } from '../../../domain/log/normalized-event.ts';

/**
 * A run of whole lines of a log file: the unit of work of a LogNormalizer. Blocks are cut
 * so that no event spans two of them, which lets them be normalized independently (in
 * parallel) with the same result as reading the file line by line.
 */
export interface LineBlock {
  /** The lines' UTF-8 bytes, each line ending in "\n". An over-long line is empty here. */
  readonly bytes: Uint8Array;
  /** Number of the block's first line, from 1. */
  readonly firstLine: number;
  /** Numbers of the lines longer than the limit, ascending; their text is not kept. */
  readonly overlong: readonly number[];
}

export interface BlockOptions {
  /** A block ends at the first suitable line boundary past this size. */
  readonly blockBytes: number;
  /** Longer lines are passed on as over-long (empty), never buffered whole. */
  readonly maxLineBytes: number;
  /**
   * For formats whose lines can continue the event before them: whether a line starts a
   * new event. A block then ends only before such a line. Null when every line stands alone.
   */
  readonly startsEvent: ((line: string) => boolean) | null;
}

/**
 * The `startsEvent` of a format's parser: null when every line stands alone, else whether
 * the parser reads the line as the start of an event.
 */
export function eventStarts(parser: LineParser): BlockOptions['startsEvent'] {
  return parser.joinsLines ? (line) => parser.parse(line, 0).kind === 'event' : null;
}

const NEWLINE = 0x0a;
const BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Splits a byte stream into blocks of whole lines. Memory stays bounded whatever the input:
 * at most one block and one line of `maxLineBytes` are held. A run of lines with no event
 * start (a stack trace of megabytes) is cut anyway past `blockBytes + 4 × maxLineBytes`;
 * the event before it is truncated long before that, and the rest of the run then starts
 * events of its own. A UTF-8 byte order mark at the start of the stream is dropped.
 */
export async function* splitIntoBlocks(chunks: AsyncIterable<Uint8Array>, options: BlockOptions): AsyncGenerator<LineBlock> {
  const splitter = new BlockSplitter(options);
  for await (const chunk of withoutBom(chunks)) yield* splitter.push(chunk);
  yield* splitter.end();
}

/**
 * The splitting, chunk by chunk. Lines are found with indexOf and copied a run of lines at
 * a time, not line by line: this runs on the event loop for every byte of every upload.
 */
class BlockSplitter {
  readonly #options: BlockOptions;
  readonly #forcedCut: number;
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** The block so far: whole lines, then the start of the line being read. */
  readonly #buffer: ByteBuffer;
  #firstLine = 1;
  #overlong: number[] = [];
  #lineNumber = 1;
  /** Where the line being read starts, counted in the block (buffer, then the chunk's uncopied run). */
  #lineStart = 0;
  #lineTooLong = false;

  constructor(options: BlockOptions) {
    this.#options = options;
    this.#forcedCut = options.blockBytes + 4 * options.maxLineBytes;
    // Grows on demand: a small file must not cost a block and a longest line of memory.
    this.#buffer = new ByteBuffer(16 * 1024);
  }

  /** Takes the next chunk of the stream; returns the blocks it completed. */
  push(chunk: Uint8Array): LineBlock[] {
    const { maxLineBytes } = this.#options;
    const buffer = this.#buffer;
    const blocks: LineBlock[] = [];
    let runStart = 0; // chunk bytes from here on are not in the buffer yet
    const copyRun = (end: number): void => {
      if (end > runStart) buffer.append(chunk, runStart, end);
      runStart = end;
    };
    /** Offset in the block of a position in the chunk. */
    const inBlock = (position: number): number => buffer.length + (position - runStart);

    for (let position = 0; ; ) {
      const newline = chunk.indexOf(NEWLINE, position);
      const lineEnd = newline === -1 ? chunk.length : newline;
      if (!this.#lineTooLong && inBlock(lineEnd) - this.#lineStart > maxLineBytes) {
        // Over the limit: keep the lines before it, drop what was kept of it.
        copyRun(position);
        buffer.truncate(Math.min(buffer.length, this.#lineStart));
        this.#lineTooLong = true;
      }
      if (this.#lineTooLong) runStart = lineEnd; // its bytes are skipped, never buffered
      if (newline === -1) {
        copyRun(chunk.length);
        return blocks;
      }
      if (this.#isCutPoint(chunk, runStart, newline)) {
        copyRun(newline);
        blocks.push(this.#takeBlock());
      }
      if (this.#lineTooLong) this.#overlong.push(this.#lineNumber);
      this.#lineNumber += 1;
      this.#lineTooLong = false;
      position = newline + 1;
      this.#lineStart = inBlock(position);
    }
  }

  /** The stream has ended: the last line, even without a final newline, and the last block. */
  end(): LineBlock[] {
    const blocks = this.#buffer.length > this.#lineStart || this.#lineTooLong ? this.push(NEWLINE_BYTE) : [];
    if (this.#lineStart > 0) blocks.push(this.#takeBlock());
    return blocks;
  }

  /** Whether the block may end before the line that ends at `newline` in the chunk. */
  #isCutPoint(chunk: Uint8Array, runStart: number, newline: number): boolean {
    const { blockBytes, startsEvent } = this.#options;
    const lineStart = this.#lineStart;
    if (lineStart < blockBytes) return false;
    if (startsEvent === null || lineStart >= this.#forcedCut) return true;
    if (this.#lineTooLong) return false;
    const buffered = this.#buffer.length;
    // The line lies in the chunk's uncopied run, or began in an earlier chunk.
    const bytes =
      lineStart >= buffered
        ? chunk.subarray(runStart + (lineStart - buffered), newline)
        : concat(this.#buffer.view(lineStart, buffered), chunk.subarray(runStart, newline));
    const text = this.#decoder.decode(bytes);
    return startsEvent(text.endsWith('\r') ? text.slice(0, -1) : text);
  }

  /** Ends the block before the line being read, which starts the next one. */
  #takeBlock(): LineBlock {
    const block = { bytes: this.#buffer.takeFront(this.#lineStart), firstLine: this.#firstLine, overlong: this.#overlong };
    this.#firstLine = this.#lineNumber;
    this.#overlong = [];
    this.#lineStart = 0;
    return block;
  }
}

const NEWLINE_BYTE = new Uint8Array([NEWLINE]);

/** The stream without a UTF-8 byte order mark at its start. */
async function* withoutBom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head: Uint8Array = new Uint8Array(0);
  let checked = false;
  for await (const chunk of chunks) {
    if (checked) {
      yield chunk;
      continue;
    }
    head = concat(head, chunk);
    if (head.length < BOM.length) continue;
    checked = true;
    yield BOM.every((byte, i) => head[i] === byte) ? head.subarray(BOM.length) : head;
  }
  if (!checked && head.length > 0) yield head;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** A growable byte array whose front can be taken off as a block of its own. */
class ByteBuffer {
  #bytes: Uint8Array;
  #length = 0;

  constructor(capacity: number) {
    this.#bytes = new Uint8Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  append(source: Uint8Array, start: number, end: number): void {
    const needed = this.#length + (end - start);
    if (needed > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.#bytes.length * 2));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    this.#bytes.set(source.subarray(start, end), this.#length);
    this.#length = needed;
  }

  view(start: number, end: number): Uint8Array {
    return this.#bytes.subarray(start, end);
  }

  truncate(length: number): void {
    this.#length = length;
  }

  /** A copy of the first `count` bytes (owning its memory, so it can be transferred); the rest moves to the front. */
  takeFront(count: number): Uint8Array {
    const front = this.#bytes.slice(0, count);
    this.#bytes.copyWithin(0, count, this.#length);
    this.#length -= count;
    return front;
  }
}

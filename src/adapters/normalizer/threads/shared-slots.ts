/** The memory a normalizer thread shares with the pool, given to it once, when it starts. */
export interface SlotMemory {
  /** A block's bytes, slot by slot. */
  readonly blocks: SharedArrayBuffer;
  /** A block's compressed result, in the slot of its block. */
  readonly results: SharedArrayBuffer;
  readonly slotBytes: number;
}

/**
 * Fixed slots of memory shared with one normalizer thread, through which blocks go in and
 * their compressed results come back: a block sent in a message is a new ArrayBuffer, which
 * V8 counts against the thread's heap and collects it for. A block or result larger than a
 * slot, or one sent while every slot is taken, still travels in a message.
 */
export class SharedSlots {
  readonly memory: SlotMemory;
  readonly #free: number[];

  constructor(count: number, slotBytes: number) {
    this.memory = { blocks: new SharedArrayBuffer(count * slotBytes), results: new SharedArrayBuffer(count * slotBytes), slotBytes };
    this.#free = Array.from({ length: count }, (_, slot) => count - 1 - slot);
  }

  /** A free slot for `bytes`, copied into it, or null when none is free or they do not fit. */
  put(bytes: Uint8Array): number | null {
    if (bytes.length > this.memory.slotBytes) return null;
    const slot = this.#free.pop();
    if (slot === undefined) return null;
    blockIn(this.memory, slot, bytes.length).set(bytes);
    return slot;
  }

  /** A copy of the result the thread left in `slot`, which is free again. */
  takeResult(slot: number, length: number): Uint8Array {
    const result = resultIn(this.memory, slot, length).slice();
    this.release(slot);
    return result;
  }

  release(slot: number): void {
    this.#free.push(slot);
  }
}

/** The bytes of the block in `slot`. */
export const blockIn = (memory: SlotMemory, slot: number, length: number): Uint8Array =>
  new Uint8Array(memory.blocks, slot * memory.slotBytes, length);

/** The bytes of the result in `slot`. */
export const resultIn = (memory: SlotMemory, slot: number, length: number): Uint8Array =>
  new Uint8Array(memory.results, slot * memory.slotBytes, length);

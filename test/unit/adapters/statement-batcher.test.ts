import { describe, expect, it } from 'vitest';
import { StatementBatcher, type StatementBatcherOptions } from '../../../src/adapters/postgres/statement-batcher.ts';

/** A write that records its batches and finishes when told to. */
function recordingWrite() {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  let running = 0;
  let mostRunning = 0;
  const write = async (items: readonly number[]): Promise<string[]> => {
    batches.push([...items]);
    running += 1;
    mostRunning = Math.max(mostRunning, running);
    await new Promise<void>((resolve) => pending.push(resolve));
    running -= 1;
    if (items.includes(-1)) throw new Error('refused');
    return items.map((item) => `done ${item}`);
  };
  /** Lets every write finish, including those started by the ones finishing, until none is left. */
  const finishAll = async () => {
    for (let idle = 0; idle < 3; ) {
      const releasing = pending.splice(0);
      releasing.forEach((resolve) => resolve());
      idle = releasing.length === 0 ? idle + 1 : 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { write, batches, finishAll, mostRunning: () => mostRunning };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const options = (overrides: Partial<StatementBatcherOptions> = {}): StatementBatcherOptions => ({ maxBatch: 100, maxInFlight: 1, retryAlone: () => true, ...overrides });

describe('StatementBatcher', () => {
  it('writes a lone item at once, alone, and answers it', async () => {
    const recorder = recordingWrite();
    const batcher = new StatementBatcher(recorder.write, options());
    const answer = batcher.add(7);
    await tick();
    expect(recorder.batches).toEqual([[7]]);
    await recorder.finishAll();
    expect(await answer).toBe('done 7');
  });

  it('sends what arrives while a write is under way together in the next one, each answered in order', async () => {
    const recorder = recordingWrite();
    const batcher = new StatementBatcher(recorder.write, options());
    const first = batcher.add(1);
    await tick();
    const rest = [2, 3, 4, 5].map((item) => batcher.add(item));
    await tick();
    expect(recorder.batches).toEqual([[1]]); // the others wait for the write in flight
    await recorder.finishAll();
    expect(recorder.batches).toEqual([[1], [2, 3, 4, 5]]);
    expect(await Promise.all([first, ...rest])).toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
  });

  it('keeps to maxInFlight writes and maxBatch items a write', async () => {
    const recorder = recordingWrite();
    const batcher = new StatementBatcher(recorder.write, options({ maxBatch: 3, maxInFlight: 2 }));
    const answers = Array.from({ length: 10 }, (_, i) => batcher.add(i));
    for (let i = 0; i < 5; i++) await tick();
    expect(recorder.batches).toEqual([[0, 1, 2], [3, 4, 5]]); // two under way, the rest waiting
    await recorder.finishAll();
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 10 }, (_, i) => `done ${i}`));
    expect(recorder.batches.flat()).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(Math.max(...recorder.batches.map((batch) => batch.length))).toBe(3);
    expect(recorder.mostRunning()).toBe(2);
  });

  it('writes the items of a refused batch one by one, so only the refused item fails', async () => {
    const recorder = recordingWrite();
    const batcher = new StatementBatcher(recorder.write, options());
    const blocker = batcher.add(0);
    await tick();
    const answers = [1, -1, 2].map((item) => batcher.add(item).catch((error: Error) => error.message));
    await recorder.finishAll();
    expect(await Promise.all([blocker, ...answers])).toEqual(['done 0', 'done 1', 'refused', 'done 2']);
    expect(recorder.batches).toEqual([[0], [1, -1, 2], [1], [-1], [2]]);
  });

  it('fails the whole batch with the error when it may not be retried item by item (an outage)', async () => {
    const recorder = recordingWrite();
    const batcher = new StatementBatcher(recorder.write, options({ retryAlone: () => false }));
    const blocker = batcher.add(0);
    await tick();
    const answers = [1, -1, 2].map((item) => batcher.add(item).catch((error: Error) => error.message));
    await recorder.finishAll();
    expect(await Promise.all([blocker, ...answers])).toEqual(['done 0', 'refused', 'refused', 'refused']);
    expect(recorder.batches).toEqual([[0], [1, -1, 2]]);
  });
});

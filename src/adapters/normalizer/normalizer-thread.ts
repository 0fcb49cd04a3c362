// Entry point of a normalizer thread: normalizes the blocks it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { normalizeAndDeflate } from './normalize-task.ts';
import { blockIn, resultIn, type SlotMemory } from './shared-slots.ts';
import type { TaskReply, ThreadRequest } from './thread-protocol.ts';

const port = parentPort;
if (!port) throw new Error('normalizer-thread.ts runs as a worker thread');
const memory = workerData as SlotMemory;

port.on('message', (request: ThreadRequest) => {
  // Leaving by itself, not by terminate(): Node aborts the process when a thread is stopped between creating and initialising a zlib handle.
  if ('stop' in request) return port.close();
  const { id, spec } = request;
  let reply: TaskReply;
  try {
    if ('slot' in request) {
      const { slot, length, firstLine, overlong } = request;
      const { deflated, ...rest } = normalizeAndDeflate({ bytes: blockIn(memory, slot, length), firstLine, overlong }, spec);
      if (deflated.length <= memory.slotBytes) {
        resultIn(memory, slot, deflated.length).set(deflated);
        reply = { id, slotted: { ...rest, deflatedLength: deflated.length } };
      } else reply = { id, result: { deflated, ...rest } };
    } else reply = { id, result: normalizeAndDeflate(request.block, spec) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, 'result' in reply ? [reply.result.deflated.buffer as ArrayBuffer] : []);
});

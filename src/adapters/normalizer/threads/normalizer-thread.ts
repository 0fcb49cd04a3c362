// Entry point of a normalizer thread: normalizes the blocks it is sent.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { BlockPipeline } from '../pipeline/block-pipeline.ts';
import { blockIn, resultIn, type SlotMemory } from './shared-slots.ts';
import type { TaskReply, ThreadRequest } from './thread-protocol.ts';

const parent = parentPort;
if (!parent) throw new Error('normalizer-thread.ts runs as a worker thread');
serveBlocks(parent, workerData as SlotMemory);

function serveBlocks(port: MessagePort, memory: SlotMemory): void {
  const pipeline = new BlockPipeline();
  port.on('message', (request: ThreadRequest) => {
    // Leaving by itself, not by terminate(): Node aborts the process when a thread is stopped between creating and initialising a zlib handle.
    if ('stop' in request) return port.close();
    const { id, spec } = request;
    let reply: TaskReply;
    try {
      if ('slot' in request) {
        const { slot, length, firstLine, overlong } = request;
        const { deflated, ...rest } = pipeline.run({ bytes: blockIn(memory, slot, length), firstLine, overlong }, spec);
        if (deflated.length <= memory.slotBytes) {
          resultIn(memory, slot, deflated.length).set(deflated);
          reply = { id, slotted: { ...rest, deflatedLength: deflated.length } };
        } else reply = { id, result: { deflated, ...rest } };
      } else reply = { id, result: pipeline.run(request.block, spec) };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply, 'result' in reply ? [reply.result.deflated.buffer as ArrayBuffer] : []);
  });
}

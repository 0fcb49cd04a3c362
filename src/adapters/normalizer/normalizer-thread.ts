// Entry point of a normalizer thread: normalizes the blocks it is sent.
import { parentPort } from 'node:worker_threads';
import { normalizeAndDeflate } from './normalize-task.ts';
import type { TaskReply, TaskRequest } from './thread-protocol.ts';

const port = parentPort;
if (!port) throw new Error('normalizer-thread.ts runs as a worker thread');

port.on('message', ({ id, block, spec }: TaskRequest) => {
  let reply: TaskReply;
  try {
    reply = { id, result: normalizeAndDeflate(block, spec) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, 'result' in reply ? [reply.result.deflated.buffer as ArrayBuffer] : []);
});

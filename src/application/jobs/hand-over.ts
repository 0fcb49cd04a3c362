import { isDependencyUnavailable } from '../errors.ts';
import type { JobQueue } from '../ports/job-queue.ts';

/**
 * Gives the queue a job the repository already holds as QUEUED. An unreachable queue is
 * not the caller's failure: the job is durable, and ReconcileJobs hands it over once the
 * queue answers again. Returns whether the queue took it now.
 */
export async function handOver(queue: JobQueue, jobId: string, options?: { delayMs?: number }): Promise<boolean> {
  try {
    await queue.enqueue(jobId, options);
    return true;
  } catch (error) {
    if (isDependencyUnavailable(error)) return false;
    throw error;
  }
}

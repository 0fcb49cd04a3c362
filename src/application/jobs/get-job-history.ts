import type { Actor } from '../auth/actor.ts';
import type { JobStatusChange } from '../ports/job-repository.ts';
import type { Ports } from '../ports/ports.ts';
import { findVisibleJob } from './job-access.ts';

/** The ports GetJobHistory uses. */
export type GetJobHistoryPorts = Pick<Ports, 'jobs'>;

/** Every status a job has had, oldest first, if the actor may see the job. */
export class GetJobHistory {
  readonly #ports: GetJobHistoryPorts;

  constructor(ports: GetJobHistoryPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, jobId: string): Promise<JobStatusChange[]> {
    await findVisibleJob(this.#ports.jobs, actor, jobId);
    return this.#ports.jobs.history(jobId);
  }
}

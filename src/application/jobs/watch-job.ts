import type { Actor } from '../auth/actor.ts';
import type { JobChange } from '../ports/job-change-feed.ts';
import type { Ports } from '../ports/ports.ts';
import { changeOf } from './announcing-job-repository.ts';
import { findFollowableJob } from './job-access.ts';

/** The ports WatchJob uses. */
export type WatchJobPorts = Pick<Ports, 'jobs' | 'feed'>;

export interface JobWatch {
  /** The job's state when the watch began; every later change goes to the listener. */
  readonly current: JobChange;
  stop(): Promise<void>;
}

/**
 * Follows a job the actor may follow (its owner, or an admin). The subscription starts before
 * the current state is read, so no change falls between the two (a listener may see one it
 * already knows).
 */
export class WatchJob {
  readonly #ports: WatchJobPorts;

  constructor(ports: WatchJobPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, jobId: string, listener: (change: JobChange) => void): Promise<JobWatch> {
    await findFollowableJob(this.#ports.jobs, actor, jobId);
    const stop = await this.#ports.feed.subscribe(jobId, listener);
    try {
      const { job } = await findFollowableJob(this.#ports.jobs, actor, jobId);
      return { current: changeOf(job), stop };
    } catch (error) {
      await stop();
      throw error;
    }
  }

  /** The job's state now, for a follower that has heard nothing for a while. */
  async current(actor: Actor, jobId: string): Promise<JobChange> {
    return changeOf((await findFollowableJob(this.#ports.jobs, actor, jobId)).job);
  }
}

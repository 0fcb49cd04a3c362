import { hasPermission } from '../../domain/user/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { JobChange } from '../ports/job-change-feed.ts';
import type { Ports } from '../ports/ports.ts';
import { canFollowJob } from './job-access.ts';

/** The ports WatchJobs uses. */
export type WatchJobsPorts = Pick<Ports, 'jobs' | 'feed'>;

/** Jobs whose owner a watch remembers; an owner never changes, so the answer stays true. */
const REMEMBERED_JOBS = 1_000;

/**
 * Follows every job the actor may follow (its own; every job for admins), from now on:
 * one subscription for a whole page of jobs, where WatchJob needs one per job. Changes of
 * other people's jobs never reach the listener.
 */
export class WatchJobs {
  readonly #ports: WatchJobsPorts;

  constructor(ports: WatchJobsPorts) {
    this.#ports = ports;
  }

  /** Call the result to stop. */
  async execute(actor: Actor, listener: (change: JobChange) => void): Promise<() => Promise<void>> {
    if (hasPermission(actor.role, 'jobs:follow-all')) return this.#ports.feed.subscribeAll(listener);
    const followable = new Map<string, boolean>();
    // Changes are checked in arrival order, so a listener still sees each job's changes in order.
    let checked = Promise.resolve();
    return this.#ports.feed.subscribeAll((change) => {
      checked = checked.then(async () => {
        if (await this.#mayFollow(actor, change.jobId, followable)) listener(change);
      }).catch(() => {});
    });
  }

  async #mayFollow(actor: Actor, jobId: string, followable: Map<string, boolean>): Promise<boolean> {
    const known = followable.get(jobId);
    if (known !== undefined) return known;
    const record = await this.#ports.jobs.get(jobId);
    // A job not found (yet) is not remembered: its next change is checked again.
    if (record === null) return false;
    const allowed = canFollowJob(actor, record.job);
    if (followable.size >= REMEMBERED_JOBS) followable.delete(followable.keys().next().value!);
    followable.set(jobId, allowed);
    return allowed;
  }
}

import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JobChange, JobChangeFeed } from '../../src/application/ports/job-change-feed.ts';

const change = (jobId: string, status: JobChange['status'], progress = 0): JobChange => ({
  jobId,
  status,
  progress,
  errorMessage: null,
  updatedAt: new Date('2026-01-05T12:00:00.000Z'),
});

/** Waits until `received` holds `count` items (deliveries may be asynchronous). */
async function settle(received: unknown[], count: number): Promise<void> {
  for (let i = 0; i < 100 && received.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

export function jobChangeFeedContract(name: string, setup: () => Promise<JobChangeFeed>): void {
  describe(`JobChangeFeed contract: ${name}`, () => {
    let feed: JobChangeFeed;
    let jobId: string;
    beforeEach(async () => {
      feed = await setup();
      jobId = randomUUID();
    });

    it('delivers a job\'s changes, in order and intact, to its subscribers only', async () => {
      const mine: JobChange[] = [];
      const other: JobChange[] = [];
      const stopMine = await feed.subscribe(jobId, (c) => mine.push(c));
      const stopOther = await feed.subscribe(randomUUID(), (c) => other.push(c));
      const sent = [change(jobId, 'QUEUED'), change(jobId, 'PROCESSING'), change(jobId, 'PROCESSING', 40), change(jobId, 'COMPLETED', 100)];
      for (const c of sent) await feed.publish(c);
      await settle(mine, sent.length);
      expect(mine).toEqual(sent);
      expect(other).toEqual([]);
      await stopMine();
      await stopOther();
    });

    it('delivers to every subscriber of a job, and to none after it stopped', async () => {
      const first: JobChange[] = [];
      const second: JobChange[] = [];
      const stopFirst = await feed.subscribe(jobId, (c) => first.push(c));
      const stopSecond = await feed.subscribe(jobId, (c) => second.push(c));
      await feed.publish(change(jobId, 'QUEUED'));
      await settle(second, 1);
      await stopFirst();
      await feed.publish(change(jobId, 'PROCESSING'));
      await settle(second, 2);
      expect(first.map((c) => c.status)).toEqual(['QUEUED']);
      expect(second.map((c) => c.status)).toEqual(['QUEUED', 'PROCESSING']);
      await stopSecond();
    });

    it('delivers every job\'s changes to a subscriber of all of them, until it stops', async () => {
      const all: JobChange[] = [];
      const stop = await feed.subscribeAll((c) => all.push(c));
      const otherJob = randomUUID();
      await feed.publish(change(jobId, 'QUEUED'));
      await feed.publish(change(otherJob, 'PROCESSING', 10));
      await settle(all, 2);
      expect(all).toEqual([change(jobId, 'QUEUED'), change(otherJob, 'PROCESSING', 10)]);
      await stop();
      await feed.publish(change(jobId, 'COMPLETED', 100));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(all).toHaveLength(2);
    });

    it('hands out changes that neither the publisher nor another subscriber can alter', async () => {
      const first: JobChange[] = [];
      const second: JobChange[] = [];
      const stopFirst = await feed.subscribe(jobId, (c) => first.push(c));
      const stopSecond = await feed.subscribeAll((c) => second.push(c));
      const published: { -readonly [K in keyof JobChange]: JobChange[K] } = change(jobId, 'QUEUED');
      await feed.publish(published);
      await settle(first, 1);
      await settle(second, 1);
      published.progress = 99; // the publisher reuses its object
      published.updatedAt.setUTCFullYear(2030);
      try {
        (first[0] as { status: string }).status = 'FAILED'; // one subscriber tampers with its change
      } catch {
        // a frozen change refuses it
      }
      expect(second).toEqual([change(jobId, 'QUEUED')]);
      await stopFirst();
      await stopSecond();
    });

    it('accepts a publish nobody listens to', async () => {
      await expect(feed.publish(change(jobId, 'FAILED'))).resolves.toBeUndefined();
    });
  });
}

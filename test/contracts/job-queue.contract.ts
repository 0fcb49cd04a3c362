import { beforeEach, describe, expect, it } from 'vitest';
import type { JobQueue } from '../../src/application/ports/job-queue.ts';

export interface JobQueueSubject {
  readonly queue: JobQueue;
  /** The queue's visibility timeout: how long before an unacknowledged delivery is given out again. */
  readonly visibilityTimeoutMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function jobQueueContract(name: string, setup: () => Promise<JobQueueSubject>): void {
  describe(`JobQueue contract: ${name}`, () => {
    let queue: JobQueue;
    let visibilityMs: number;
    beforeEach(async () => {
      ({ queue, visibilityTimeoutMs: visibilityMs } = await setup());
    });

    it('tells which jobs it holds a message for: waiting, delayed or delivered, until acknowledged', async () => {
      await queue.enqueue('job-h1');
      await queue.enqueue('job-h2', { delayMs: 60_000 });
      await queue.enqueue('job-h3');
      expect(await queue.holding(['job-h1', 'job-h2', 'job-h3', 'job-none'])).toEqual(new Set(['job-h1', 'job-h2', 'job-h3']));
      const first = (await queue.receive('c1', 500))!;
      expect(first.jobId).toBe('job-h1');
      expect(await queue.holding(['job-h1'])).toEqual(new Set(['job-h1']));
      await queue.ack(first);
      const third = (await queue.receive('c1', 500))!;
      await queue.deadLetter(third, 'poison');
      expect(await queue.holding(['job-h1', 'job-h2', 'job-h3'])).toEqual(new Set(['job-h2']));
      expect(await queue.holding([])).toEqual(new Set());
    });

    it('returns null when nothing arrives within the wait', async () => {
      expect(await queue.receive('c1', 50)).toBeNull();
    });

    it('delivers an enqueued job once, first in first out', async () => {
      await queue.enqueue('job-a');
      await queue.enqueue('job-b');
      const first = await queue.receive('c1', 500);
      const second = await queue.receive('c1', 500);
      expect(first).toMatchObject({ jobId: 'job-a', deliveryCount: 1 });
      expect(second).toMatchObject({ jobId: 'job-b', deliveryCount: 1 });
      expect(first?.deliveryId).not.toBe(second?.deliveryId);
    });

    it('wakes a waiting consumer when a job is enqueued', async () => {
      const waiting = queue.receive('c1', 2_000);
      await sleep(50);
      await queue.enqueue('job-late');
      expect(await waiting).toMatchObject({ jobId: 'job-late' });
    });

    it('never gives out an acknowledged delivery again', async () => {
      await queue.enqueue('job-acked');
      const delivery = await queue.receive('c1', 500);
      await queue.ack(delivery!);
      await queue.ack(delivery!);
      expect(await queue.receive('c2', visibilityMs + 300)).toBeNull();
      expect(await queue.stats()).toEqual({ waiting: 0, pending: 0, deadLettered: 0 });
    });

    it('gives an unacknowledged delivery to another consumer after the visibility timeout', async () => {
      await queue.enqueue('job-crashed');
      const lost = await queue.receive('dead-consumer', 500);
      expect(await queue.receive('c2', 50)).toBeNull();
      const again = await queue.receive('c2', visibilityMs + 1_000);
      expect(again).toMatchObject({ jobId: 'job-crashed', deliveryCount: 2 });
      expect(again?.deliveryId).toBe(lost?.deliveryId);
    });

    it('keeps a delivery its consumer extends from going to another consumer, past the visibility timeout', async () => {
      await queue.enqueue('job-long');
      const delivery = (await queue.receive('busy', 500))!;
      expect(delivery.consumer).toBe('busy');
      // Extended three times a timeout: held for three timeouts, then given out again once no longer extended.
      for (let i = 0; i < 6; i++) {
        await sleep(visibilityMs / 2);
        expect(await queue.extend(delivery)).toBe(true);
        expect(await queue.receive('other', 1)).toBeNull();
      }
      const again = await queue.receive('other', visibilityMs + 1_000);
      expect(again).toMatchObject({ jobId: 'job-long', consumer: 'other', deliveryCount: 2 });
      // The first consumer lost it: extending changes nothing and says so.
      expect(await queue.extend(delivery)).toBe(false);
      expect(await queue.extend(again!)).toBe(true);
      await queue.ack(again!);
      expect(await queue.extend(again!)).toBe(false);
      expect(await queue.stats()).toEqual({ waiting: 0, pending: 0, deadLettered: 0 });
    });

    it('holds a delayed job back until its delay has passed', async () => {
      await queue.enqueue('job-delayed', { delayMs: 400 });
      expect(await queue.receive('c1', 100)).toBeNull();
      expect(await queue.receive('c1', 1_500)).toMatchObject({ jobId: 'job-delayed' });
    });

    it('gives concurrent consumers different jobs', async () => {
      for (const id of ['j1', 'j2', 'j3', 'j4']) await queue.enqueue(id);
      const deliveries = await Promise.all(['c1', 'c2', 'c3', 'c4'].map((c) => queue.receive(c, 500)));
      expect(new Set(deliveries.map((d) => d?.jobId))).toEqual(new Set(['j1', 'j2', 'j3', 'j4']));
    });

    it('counts waiting (ready and delayed), pending and dead-lettered messages', async () => {
      await queue.enqueue('s1');
      await queue.enqueue('s2');
      await queue.enqueue('s3', { delayMs: 60_000 });
      await queue.receive('c1', 500);
      expect(await queue.stats()).toEqual({ waiting: 2, pending: 1, deadLettered: 0 });
    });

    it('parks a dead-lettered delivery for good', async () => {
      await queue.enqueue('poison');
      const delivery = await queue.receive('c1', 500);
      await queue.deadLetter(delivery!, 'delivered too many times');
      expect(await queue.receive('c2', visibilityMs + 300)).toBeNull();
      expect(await queue.stats()).toEqual({ waiting: 0, pending: 0, deadLettered: 1 });
    });

    it('answers a ping', async () => {
      await expect(queue.ping()).resolves.toBeUndefined();
    });
  });
}

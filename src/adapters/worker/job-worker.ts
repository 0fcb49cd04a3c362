import type { ProcessJob, ProcessReport } from '../../application/jobs/process-job.ts';
import type { Delivery, JobQueue } from '../../application/ports/job-queue.ts';

/** The few logger methods the worker needs; pino satisfies it. */
export interface WorkerLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface JobWorkerOptions {
  /** Jobs processed at the same time. */
  readonly concurrency: number;
  /** Names this worker to the queue (consumer name). */
  readonly name: string;
  /** How long one receive waits; bounds how long `stop` waits for an idle loop. */
  readonly receiveWaitMs?: number;
  /** A message delivered more often than this is a poison message: dead-lettered, its job failed. */
  readonly maxDeliveries: number;
  /**
   * While a job makes progress, its delivery is extended at most this often, so the queue
   * does not give a long job to another worker (a third of the visibility timeout leaves
   * room for a slow round trip).
   */
  readonly claimRenewalMs: number;
  /** Told about every job handled (for metrics). */
  readonly observe?: (report: ProcessReport, seconds: number) => void;
}

/**
 * The queue-consuming driving adapter: `concurrency` loops that receive a job id, run
 * ProcessJob and acknowledge. A delivery is acknowledged only after ProcessJob recorded an
 * outcome, so a crash mid-job leaves it to be delivered again.
 */
export class JobWorker {
  readonly #queue: JobQueue;
  readonly #processJob: ProcessJob;
  readonly #logger: WorkerLogger;
  readonly #options: JobWorkerOptions;
  #loops: Promise<void>[] = [];
  #stopping = false;

  constructor(queue: JobQueue, processJob: ProcessJob, logger: WorkerLogger, options: JobWorkerOptions) {
    this.#queue = queue;
    this.#processJob = processJob;
    this.#logger = logger;
    this.#options = options;
  }

  start(): void {
    this.#stopping = false;
    this.#loops = Array.from({ length: this.#options.concurrency }, (_, i) => this.#loop(`${this.#options.name}-${i + 1}`));
  }

  /** Stops taking jobs and resolves once the jobs in hand are finished. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.all(this.#loops);
  }

  async #loop(consumer: string): Promise<void> {
    let idleBackoffMs = 100;
    while (!this.#stopping) {
      try {
        const delivery = await this.#queue.receive(consumer, this.#options.receiveWaitMs ?? 1_000);
        if (!delivery) continue;
        if (delivery.deliveryCount > this.#options.maxDeliveries) {
          const reason = `Gave up after ${delivery.deliveryCount - 1} deliveries that ended without an outcome`;
          await this.#processJob.abandon(delivery.jobId, reason);
          await this.#queue.deadLetter(delivery, reason);
          this.#logger.error({ job_id: delivery.jobId, delivery_count: delivery.deliveryCount }, 'poison message dead-lettered');
          continue;
        }
        const started = performance.now();
        const report = await this.#processJob.execute(delivery.jobId, {
          redelivered: delivery.deliveryCount > 1,
          onProgress: this.#claimRenewal(delivery),
        });
        const seconds = (performance.now() - started) / 1000;
        this.#options.observe?.(report, seconds);
        const fields = {
          job_id: delivery.jobId,
          outcome: report.outcome,
          delivery_count: delivery.deliveryCount,
          duration_ms: Math.round(seconds * 1000),
        };
        if (report.error) this.#logger.warn({ ...fields, err: report.error }, 'job attempt did not complete');
        else this.#logger.info(fields, `job ${report.outcome}`);
        await this.#queue.ack(delivery);
        idleBackoffMs = 100;
      } catch (error) {
        // Queue or database unreachable: not acknowledged, so the job is delivered again later.
        this.#logger.error({ err: error, consumer }, 'worker loop error; backing off');
        await new Promise((resolve) => setTimeout(resolve, idleBackoffMs));
        idleBackoffMs = Math.min(idleBackoffMs * 2, 2_000);
      }
    }
  }

  /** Extends the delivery on progress, at most once per `claimRenewalMs`; a failed extension is only logged. */
  #claimRenewal(delivery: Delivery): () => void {
    let renewedAt = performance.now();
    return () => {
      if (performance.now() - renewedAt < this.#options.claimRenewalMs) return;
      renewedAt = performance.now();
      this.#queue.extend(delivery).then(
        (held) => {
          if (!held) this.#logger.warn({ job_id: delivery.jobId }, 'the queue gave this job to another worker; its claim on the job decides who finishes');
        },
        (error: unknown) => this.#logger.warn({ job_id: delivery.jobId, err: error }, 'could not extend the job\'s delivery'),
      );
    };
  }
}

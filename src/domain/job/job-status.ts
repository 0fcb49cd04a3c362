export const JOB_STATUSES = ['CREATED', 'QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * The job state machine (PRODUCT.md §3): each named transition has exactly one origin
 * and one target. Anything else is refused with INVALID_JOB_STATE.
 */
export const JOB_TRANSITIONS = {
  queue: { from: 'CREATED', to: 'QUEUED' },
  expireUpload: { from: 'CREATED', to: 'FAILED' },
  start: { from: 'QUEUED', to: 'PROCESSING' },
  complete: { from: 'PROCESSING', to: 'COMPLETED' },
  requeue: { from: 'PROCESSING', to: 'QUEUED' },
  fail: { from: 'PROCESSING', to: 'FAILED' },
  adminRetry: { from: 'FAILED', to: 'QUEUED' },
} as const satisfies Record<string, { from: JobStatus; to: JobStatus }>;

export type JobTransition = keyof typeof JOB_TRANSITIONS;

export const canTransition = (from: JobStatus, to: JobStatus): boolean =>
  Object.values(JOB_TRANSITIONS).some((t) => t.from === from && t.to === to);

export const isTerminal = (status: JobStatus): boolean => status === 'COMPLETED' || status === 'FAILED';

export const isJobStatus = (value: string): value is JobStatus => (JOB_STATUSES as readonly string[]).includes(value);

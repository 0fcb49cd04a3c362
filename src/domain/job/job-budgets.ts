import { DomainError } from '../errors.ts';

/**
 * What one job may consume before it is failed: a file is untrusted input, and without
 * limits a small upload (a gzip bomb of tiny lines) can hold a worker for many minutes.
 */
export interface JobBudgets {
  /** Largest size a compressed upload may inflate to. */
  readonly maxDecompressedBytes: number;
  /** Most bytes inflated per compressed byte, once past `DECOMPRESSION_RATIO_GRACE_BYTES`. */
  readonly maxDecompressionRatio: number;
  /** Most lines a file may hold: events, rejected and blank lines alike (each costs work). */
  readonly maxLines: number;
  /** Largest normalized output, compressed, in bytes. */
  readonly maxOutputBytes: number;
  /** Most CPU time spent parsing and compressing the file, in seconds. */
  readonly maxCpuSeconds: number;
}

export type BudgetName = keyof JobBudgets;

/**
 * A ratio measured over the first bytes of a stream says little (a header, one long run of
 * spaces); it is enforced once this many bytes were inflated.
 */
export const DECOMPRESSION_RATIO_GRACE_BYTES = 8 * 1024 * 1024;

const DESCRIPTIONS: Record<BudgetName, (limit: number) => string> = {
  maxDecompressedBytes: (limit) => `the file inflates to more than ${limit} bytes`,
  maxDecompressionRatio: (limit) => `the file inflates to more than ${limit} times its compressed size`,
  maxLines: (limit) => `the file holds more than ${limit} lines`,
  maxOutputBytes: (limit) => `the normalized output exceeds ${limit} bytes`,
  maxCpuSeconds: (limit) => `processing took more than ${limit} s of CPU time`,
};

/** A job went past one of its budgets: it fails at once, naming the budget. */
export class JobBudgetExceededError extends DomainError {
  override readonly name = 'JobBudgetExceededError';
  readonly budget: BudgetName;

  constructor(budget: BudgetName, limit: number) {
    super('JOB_BUDGET_EXCEEDED', `Job budget exceeded (${budget}): ${DESCRIPTIONS[budget](limit)}`);
    this.budget = budget;
  }
}

/** Throws JobBudgetExceededError when `used` is past the budget's limit. */
export function chargeBudget(budgets: JobBudgets, budget: BudgetName, used: number): void {
  if (used > budgets[budget]) throw new JobBudgetExceededError(budget, budgets[budget]);
}

/** Throws when `inflated` bytes from `compressed` bytes break either decompression budget. */
export function chargeDecompression(budgets: JobBudgets, compressed: number, inflated: number): void {
  chargeBudget(budgets, 'maxDecompressedBytes', inflated);
  if (inflated > DECOMPRESSION_RATIO_GRACE_BYTES && inflated > budgets.maxDecompressionRatio * compressed) {
    throw new JobBudgetExceededError('maxDecompressionRatio', budgets.maxDecompressionRatio);
  }
}

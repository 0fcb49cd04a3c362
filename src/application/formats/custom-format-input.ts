import { customFormatIssues, type CustomFormat, type UnmatchedLines } from '../../domain/log/custom/custom-format.ts';
import type { LinePatternCompiler } from '../../domain/log/custom/line-pattern.ts';
import type { ValidationIssue } from '../../domain/errors.ts';

/** A custom format as a client writes it. */
export interface CustomFormatInput {
  readonly pattern: string;
  readonly timeFormat?: string | null | undefined;
  readonly unmatchedLines?: string | undefined;
}

/** The format the input describes, and what is wrong with it under `path` (empty when nothing). */
export function readCustomFormat(input: CustomFormatInput, compiler: LinePatternCompiler, path: string): { format: CustomFormat; issues: ValidationIssue[] } {
  const format: CustomFormat = {
    pattern: input.pattern,
    timeFormat: input.timeFormat ?? null,
    unmatchedLines: (input.unmatchedLines ?? 'reject') as UnmatchedLines,
  };
  return { format, issues: customFormatIssues(format, compiler, path) };
}

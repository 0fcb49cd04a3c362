import type { ValidationIssue } from '../../errors.ts';
import { InvalidPatternError, type LinePatternCompiler } from './line-pattern.ts';
import { timeLayoutIssue } from './time-layout.ts';

/** What becomes of a line the pattern does not match. */
export const UNMATCHED_LINES = ['reject', 'continue'] as const;
export type UnmatchedLines = (typeof UNMATCHED_LINES)[number];

/**
 * A layout none of the built-in formats reads: a pattern whose named groups `ts`, `level` and
 * `message` become the event's, every other named group going into attrs, and optionally
 * the layout of `ts` (strptime-style). Plain data: sent to the parse threads as it is.
 */
export interface CustomFormat {
  readonly pattern: string;
  /** strptime-style (`%d/%b/%Y:%H:%M:%S %z`); null: `ts` is read in any spelling the text format knows. */
  readonly timeFormat: string | null;
  /** `reject` (the default) counts them as rejected; `continue` appends them to the event before. */
  readonly unmatchedLines: UnmatchedLines;
}

/** The format a job reads its file with, as it was when the job was created. */
export interface UploadCustomFormat extends CustomFormat {
  /** The saved format it was copied from; null when given with the upload. */
  readonly name: string | null;
}

/** Patterns longer than this are refused: real layouts take a few hundred characters. */
export const MAX_PATTERN_LENGTH = 4096;
export const MAX_TIME_FORMAT_LENGTH = 256;

/** What is wrong with a custom format, its fields under `path` (`customFormat`; empty: top level); empty when it can be used. */
export function customFormatIssues(format: CustomFormat, compiler: LinePatternCompiler, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (field: string): string => (path ? `${path}.${field}` : field);
  let groups: readonly string[] | null = null;
  if (format.pattern.length === 0 || format.pattern.length > MAX_PATTERN_LENGTH) {
    issues.push({ path: at('pattern'), message: `must be 1 to ${MAX_PATTERN_LENGTH} characters` });
  } else {
    try {
      groups = compiler.compile(format.pattern).groupNames;
      const problem = groupsProblem(groups);
      if (problem) issues.push({ path: at('pattern'), message: problem });
    } catch (error) {
      if (!(error instanceof InvalidPatternError)) throw error;
      issues.push({ path: at('pattern'), message: error.message });
    }
  }
  if (format.timeFormat !== null) {
    const problem = format.timeFormat.length > MAX_TIME_FORMAT_LENGTH ? `must be at most ${MAX_TIME_FORMAT_LENGTH} characters` : timeLayoutIssue(format.timeFormat);
    if (problem) issues.push({ path: at('timeFormat'), message: problem });
    else if (groups !== null && !groups.includes('ts')) issues.push({ path: at('timeFormat'), message: 'is the layout of the ts group, which the pattern does not have' });
  }
  if (!(UNMATCHED_LINES as readonly string[]).includes(format.unmatchedLines)) {
    issues.push({ path: at('unmatchedLines'), message: `must be one of ${UNMATCHED_LINES.join(', ')}` });
  }
  return issues;
}

/** What is wrong with a pattern's named groups, if anything. */
function groupsProblem(groups: readonly string[]): string | null {
  if (groups.length === 0) return 'must have at least one named group, such as (?P<message>.*)';
  // Set on an event's attrs, this name would change the object's prototype instead of adding a field.
  if (groups.includes('__proto__')) return 'must not name a group __proto__';
  return null;
}

/**
 * A user-written pattern with named groups, compiled by an engine the core does not know
 * (a linear-time one: a pattern must not be able to hang a worker on any line).
 */
export interface LinePattern {
  /** The named groups that took part in the first match found in the line, by name; null when nothing matches. */
  match(line: string): Readonly<Record<string, string>> | null;
  /** Every named group of the pattern, in order. */
  readonly groupNames: readonly string[];
  /**
   * The longest line the pattern reads: matching takes time linear in the line, times a
   * factor that grows with the pattern, and a line must not hold a worker for long.
   */
  readonly maxLineLength: number;
}

/** Compiles patterns; the same source always compiles to a pattern matching the same way. */
export interface LinePatternCompiler {
  /** Throws InvalidPatternError, whose message says what is wrong, when the engine refuses the pattern. */
  compile(source: string): LinePattern;
}

/** A pattern the engine refuses (bad syntax, or a feature it does not have such as backreferences). */
export class InvalidPatternError extends Error {
  override readonly name = 'InvalidPatternError';
}

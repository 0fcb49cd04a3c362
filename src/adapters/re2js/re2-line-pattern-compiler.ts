import { RE2JS, RE2JSException } from 're2js';
import { InvalidPatternError, type LinePattern, type LinePatternCompiler } from '../../domain/log/custom/line-pattern.ts';

/** How many compiled patterns one compiler keeps: a thread reads blocks of a few files at a time. */
const REMEMBERED = 16;
/** The engine quotes the part of the pattern it refuses; a 422 must not grow with the pattern. */
const MAX_QUOTED = 80;
/**
 * Characters × program steps one line may cost. Extracting groups runs every step of the
 * compiled program over every character at worst (`^(.*)(a{500})$`: 510 steps take about
 * 65 ms per KiB), so a line's cost is bounded by its length times the program's size: about
 * a second at worst. Real layouts compile to 20–150 steps and read lines of 50–400 KiB.
 */
const WORK_PER_LINE = 2 ** 23;
/** A pattern too big to read lines of this length is refused at compile time. */
const MIN_LINE_LENGTH = 4096;

/**
 * Patterns in RE2 syntax, run by re2js (a port of RE2 to JavaScript): matching takes time
 * linear in the line whatever the pattern, so no pattern can hang a worker. RE2 refuses what
 * needs backtracking: backreferences and lookarounds. Named groups are written `(?P<name>…)`
 * or `(?<name>…)`. Compiled patterns are remembered, so a thread compiles a file's once.
 */
export class Re2LinePatternCompiler implements LinePatternCompiler {
  readonly #compiled = new Map<string, LinePattern>();

  compile(source: string): LinePattern {
    const known = this.#compiled.get(source);
    if (known) return known;
    const pattern = re2Pattern(source);
    if (this.#compiled.size >= REMEMBERED) this.#compiled.delete(this.#compiled.keys().next().value!);
    this.#compiled.set(source, pattern);
    return pattern;
  }
}

function re2Pattern(source: string): LinePattern {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    if (error instanceof RE2JSException) throw new InvalidPatternError(explained(source, error.message));
    throw error;
  }
  const steps = programSize(compiled);
  if (steps * MIN_LINE_LENGTH > WORK_PER_LINE) {
    throw new InvalidPatternError(
      `is too complex: it compiles to ${steps} steps, at most ${WORK_PER_LINE / MIN_LINE_LENGTH} (counted repeats such as {500} repeat their steps)`,
    );
  }
  const groups = Object.entries(compiled.namedGroups()).sort(([, a], [, b]) => a - b);
  const groupNames = groups.map(([name]) => name);
  // One matcher, reset for each line: matching is synchronous, so calls never interleave.
  const matcher = compiled.matcher('');
  return {
    groupNames,
    maxLineLength: Math.floor(WORK_PER_LINE / steps),
    match(line: string): Record<string, string> | null {
      matcher.resetMatcherInput(line);
      if (!matcher.find()) return null;
      const found: Record<string, string> = {};
      for (const [name, index] of groups) {
        const value = matcher.group(index);
        if (value !== null) found[name] = value;
      }
      return found;
    },
  };
}

/**
 * The number of instructions of the compiled program. re2js does not publish it: read from its
 * internals (the version is pinned); were they to change, the size is taken as the largest
 * allowed, which keeps the bound, only on shorter lines.
 */
function programSize(compiled: RE2JS): number {
  const prog = (compiled as unknown as { re2Input?: { prog?: { numInst?: () => number } } }).re2Input?.prog;
  const size = typeof prog?.numInst === 'function' ? prog.numInst() : Number.NaN;
  return Number.isSafeInteger(size) && size > 0 ? size : WORK_PER_LINE / MIN_LINE_LENGTH;
}

/** The engine's message, its quote shortened, with what RE2 does not have named when it is the cause. */
function explained(source: string, message: string): string {
  const shortened = message.replace(/`([^`]*)`$/, (_, quoted: string) => `\`${quoted.length > MAX_QUOTED ? `${quoted.slice(0, MAX_QUOTED)}…` : quoted}\``);
  const missing = /\(\?<?[=!]/.test(source)
    ? 'lookaheads and lookbehinds'
    : /\\[1-9]|\\k</.test(source)
      ? 'backreferences'
      : null;
  return missing ? `${shortened} (RE2 syntax has no ${missing})` : shortened;
}

import { RE2JS, RE2JSException } from 're2js';
import { InvalidPatternError, type LinePattern, type LinePatternCompiler } from '../../domain/log/custom/line-pattern.ts';

/** How many compiled patterns one compiler keeps: a thread reads blocks of a few files at a time. */
const REMEMBERED = 16;
/** The engine quotes the part of the pattern it refuses; a 422 must not grow with the pattern. */
const MAX_QUOTED = 80;

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
  const groups = Object.entries(compiled.namedGroups()).sort(([, a], [, b]) => a - b);
  const groupNames = groups.map(([name]) => name);
  // One matcher, reset for each line: matching is synchronous, so calls never interleave.
  const matcher = compiled.matcher('');
  return {
    groupNames,
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

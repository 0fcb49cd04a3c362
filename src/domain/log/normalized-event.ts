import type { LogLevel } from '../job/job-result.ts';

/** One log event in the service's own shape, whatever format it came from. */
export interface NormalizedEvent {
  /** ISO-8601 UTC, or null when the line carried no recognizable time. */
  readonly ts: string | null;
  readonly level: LogLevel;
  readonly message: string;
  /** The line's other fields. A field a parser took may remain as undefined, which JSON omits. */
  readonly attrs: Readonly<Record<string, unknown>>;
  /** 1-based number of the line the event starts on. */
  readonly line: number;
}

/** What a parser makes of one line. */
export type ParseOutcome =
  | { readonly kind: 'event'; readonly event: NormalizedEvent }
  | { readonly kind: 'reject'; readonly reason: string }
  /** The line belongs to the event before it (a stack-trace frame, an indented line). */
  | { readonly kind: 'continuation' }
  /** Nothing to parse (an empty line). */
  | { readonly kind: 'blank' };

export interface LineParser {
  /** Never throws: every line is classified. */
  parse(text: string, line: number): ParseOutcome;
  /** Whether some lines continue the event before them (parse gives 'continuation'). */
  readonly joinsLines: boolean;
}

export const reject = (reason: string): ParseOutcome => ({ kind: 'reject', reason });
export const BLANK: ParseOutcome = { kind: 'blank' };

import { levelInText } from '../../../domain/log/levels.ts';
import type { LineParser, NormalizedEvent } from '../../../domain/log/normalized-event.ts';
import type { LineTally } from '../../../domain/job/line-tally.ts';
import { LINE_TOO_LONG, TallyCounter } from './tally-counter.ts';

export interface Line {
  /** 1-based line number. */
  readonly number: number;
  /** The line's text without its line ending. */
  readonly text: string;
  /** True when the line was longer than the limit (its text is then not kept). */
  readonly tooLong: boolean;
}

/**
 * Turns lines into events with a parser and counts everything. An event is held back until
 * the next one starts, because continuation lines (stack-trace frames) still belong to it;
 * its message grows to at most `maxEventBytes`, the rest is dropped and marked truncated.
 */
export class EventAssembler {
  readonly #counter = new TallyCounter();
  readonly #parser: LineParser;
  readonly #maxEventBytes: number;
  #pending: NormalizedEvent | null = null;

  constructor(parser: LineParser, maxEventBytes: number) {
    this.#parser = parser;
    this.#maxEventBytes = maxEventBytes;
  }

  /** Takes one line; returns the event it completed, if any. */
  push(line: Line): NormalizedEvent | null {
    this.#counter.line();
    if (line.tooLong) {
      this.#counter.reject(line.number, LINE_TOO_LONG);
      return null;
    }
    const outcome = this.#parser.parse(line.text, line.number);
    switch (outcome.kind) {
      case 'blank':
        return null;
      case 'reject':
        this.#counter.reject(line.number, outcome.reason);
        return null;
      case 'continuation':
        if (this.#pending) {
          this.#pending = this.#extend(this.#pending, line.text);
          return null;
        }
        // Nothing to continue (the file starts indented): the line stands on its own.
        return this.#start({ ts: null, level: levelInText(line.text)?.level ?? 'unknown', message: line.text, attrs: {}, line: line.number });
      case 'event':
        return this.#start(outcome.event);
    }
  }

  /** The input has ended: the event still held back, if any. */
  finish(): NormalizedEvent | null {
    const last = this.#pending;
    this.#pending = null;
    if (last) this.#counter.event(last.level, last.ts);
    return last;
  }

  /** What the lines so far held; complete once `finish` was called. */
  get tally(): LineTally {
    return this.#counter.tally();
  }

  #start(event: NormalizedEvent): NormalizedEvent | null {
    const completed = this.#pending;
    this.#pending = event;
    if (completed) this.#counter.event(completed.level, completed.ts);
    return completed;
  }

  #extend(event: NormalizedEvent, text: string): NormalizedEvent {
    if (event.attrs.truncated === true) return event;
    if (event.message.length + text.length + 1 > this.#maxEventBytes) {
      return { ...event, attrs: { ...event.attrs, truncated: true } };
    }
    return { ...event, message: `${event.message}\n${text}` };
  }
}

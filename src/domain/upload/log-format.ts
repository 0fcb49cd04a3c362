/** The formats a file's lines are parsed as; `custom`: the upload's own pattern (see CustomFormat). */
export const LOG_FORMATS = ['json', 'logfmt', 'syslog', 'clf', 'text', 'custom'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const isLogFormat = (value: string): value is LogFormat => (LOG_FORMATS as readonly string[]).includes(value);

/** What an upload may ask for: a format, or `auto` (the worker picks one from the file's first lines). */
export const REQUESTED_LOG_FORMATS = [...LOG_FORMATS, 'auto'] as const;
export type RequestedLogFormat = (typeof REQUESTED_LOG_FORMATS)[number];

export const isRequestedLogFormat = (value: string): value is RequestedLogFormat => (REQUESTED_LOG_FORMATS as readonly string[]).includes(value);

/** `custom`: the upload's own pattern (see CustomFormat). */
export const LOG_FORMATS = ['json', 'logfmt', 'syslog', 'clf', 'text', 'custom'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const isLogFormat = (value: string): value is LogFormat => (LOG_FORMATS as readonly string[]).includes(value);

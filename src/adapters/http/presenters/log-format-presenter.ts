import type { CustomFormat } from '../../../domain/log/custom/custom-format.ts';
import type { SavedLogFormat } from '../../../domain/log/custom/saved-log-format.ts';
import type { LogFormatResponse } from '../openapi/responses.ts';

/** A custom format's own fields, as the wire names them. */
export const presentCustomFormat = (format: CustomFormat) => ({
  pattern: format.pattern,
  time_format: format.timeFormat,
  unmatched_lines: format.unmatchedLines,
});

/** A saved format as GET /formats shows it. */
export const presentLogFormat = (format: SavedLogFormat): LogFormatResponse => ({
  name: format.name,
  ...presentCustomFormat(format),
  saved_at: format.savedAt.toISOString(),
  saved_by: format.savedBy,
});

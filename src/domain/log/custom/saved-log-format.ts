import type { CustomFormat } from './custom-format.ts';

/** A custom format an admin saved under a name, for uploads to refer to. */
export interface SavedLogFormat extends CustomFormat {
  readonly name: string;
  readonly savedAt: Date;
  /** Id of the admin who saved this version. */
  readonly savedBy: string;
}

/** Lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit: safe in a URL path as it is. */
export const FORMAT_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const FORMAT_NAME_RULE = '1 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit';

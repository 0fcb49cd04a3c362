/** Fewest characters of a password. */
export const MIN_PASSWORD_LENGTH = 8;

/**
 * Most bytes of a password in UTF-8: bcrypt reads the first 72 and ignores the rest, so a
 * longer password is refused rather than cut without a word.
 */
export const MAX_PASSWORD_BYTES = 72;

/** Whether `password` may be set: at least MIN_PASSWORD_LENGTH characters, at most MAX_PASSWORD_BYTES bytes. */
export const isAcceptablePassword = (password: string): boolean =>
  [...password].length >= MIN_PASSWORD_LENGTH && utf8Length(password) <= MAX_PASSWORD_BYTES;

/** Bytes of `text` in UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD, as encoders write it). */
export const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/** A failure retrying cannot fix (missing object, unreadable file): the job fails at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

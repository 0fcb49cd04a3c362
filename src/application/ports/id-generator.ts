/** Creates identifiers for new entities. */
export interface IdGenerator {
  /** A new RFC 9562 UUID string, never returned before. */
  newId(): string;
}

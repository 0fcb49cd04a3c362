/** The current time. Injected so tests and the core never read the system clock directly. */
export interface Clock {
  now(): Date;
}

import { constants, deflateRawSync } from 'node:zlib';
import { DEFAULT_ADMIN, DEFAULT_JWT_SECRET, DEFAULT_S3_KEYS } from './development-defaults.ts';

/**
 * Values published in this repository (defaults, `.env.example`, the compose file): anyone
 * who read it knows them, so production refuses them wherever a secret goes.
 */
export const PUBLISHED_SECRETS: ReadonlySet<string> = new Set([
  DEFAULT_JWT_SECRET,
  DEFAULT_ADMIN.password,
  DEFAULT_S3_KEYS.access,
  DEFAULT_S3_KEYS.secret,
  'change-me-to-at-least-32-random-characters',
  'ingest',
]);

/** How `.env.example` marks a value to replace; a generated secret never reads like this. */
const PLACEHOLDER = /replace[-_ ]?(me|with)|change[-_ ]?me|placeholder|example|generate[-_ ]?with/i;

/** Bits a secret must carry by the estimate below: under what any 32 random hex digits give. */
const MIN_BITS = 84;

export const isPublished = (value: string): boolean => PUBLISHED_SECRETS.has(value) || PLACEHOLDER.test(value);

/** What is wrong with `value` as a secret of at least `minLength` characters; null when nothing. */
export function secretWeakness(value: string, minLength: number): string | null {
  if (isPublished(value)) return 'is a published placeholder or default';
  if (value.length < minLength) return `must be at least ${minLength} characters (it has ${value.length})`;
  const bits = Math.round(estimatedBits(value));
  if (bits < MIN_BITS) return `has too little entropy (about ${bits} bits by character frequency, at least ${MIN_BITS} needed)`;
  if (mostlyRunsOrSequences(value)) return 'is mostly runs or sequences of characters';
  if (repetitive(value)) return 'repeats itself (a random value does not)';
  return null;
}

/**
 * Whether repeated substrings make up much of it: LZ77 saves over a quarter on top of what
 * Huffman coding alone does (on random secrets, at most about 15 %).
 */
function repetitive(value: string): boolean {
  const matched = deflateRawSync(value, { level: 9 }).length;
  const unmatched = deflateRawSync(value, { strategy: constants.Z_HUFFMAN_ONLY }).length;
  return matched < 0.75 * unmatched;
}

/**
 * Shannon entropy of the value's own character frequencies, times its length: an upper bound
 * for a human-made value (it cannot see words), about right for a random one.
 */
function estimatedBits(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let perChar = 0;
  for (const count of counts.values()) perChar -= (count / value.length) * Math.log2(count / value.length);
  return perChar * value.length;
}

/** `aaaa…`, `abcd…`, `1234…`: half the neighbours equal or one apart. */
function mostlyRunsOrSequences(value: string): boolean {
  let close = 0;
  for (let i = 1; i < value.length; i++) if (Math.abs(value.charCodeAt(i) - value.charCodeAt(i - 1)) <= 1) close++;
  return close >= (value.length - 1) / 2;
}

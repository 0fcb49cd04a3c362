/**
 * Zone abbreviations that name one offset the world over. Ambiguous ones (CST: America or
 * China; IST: India, Ireland or Israel; BST; AST) are left out: a time in them stays unread.
 */
const OFFSET_MINUTES: Readonly<Record<string, number>> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0,
  EST: -300, EDT: -240, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, NST: -210, NDT: -150,
  WET: 0, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660,
  NZST: 720, NZDT: 780,
};

/** Abbreviations read as zones after a time; the ambiguous ones among them leave the time unread. */
export const ZONE_NAMES: readonly string[] = [...Object.keys(OFFSET_MINUTES), 'CST', 'IST', 'BST', 'AST', 'GST', 'SST'];

/** The offset from UTC of a zone abbreviation (`PDT`, `CEST`), in milliseconds; undefined when unknown or ambiguous. */
export function offsetOfZoneName(name: string): number | undefined {
  const minutes = OFFSET_MINUTES[name.toUpperCase()];
  return minutes === undefined ? undefined : minutes * 60_000;
}

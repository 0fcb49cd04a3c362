import { UTC_WALL_CLOCK, type WallClockZone } from '../../../domain/log/wall-clock-zone.ts';
import { IntlWallClockZone } from './intl-wall-clock-zone.ts';

/** Zones kept per holder: a thread serves few uploads' zones at a time, and each remembers up to a few hundred KiB. */
const MAX_ZONES = 8;

/**
 * The WallClockZone of each zone name asked for, made once, so that its memory of offsets
 * serves every block of a file and every file in that zone. One per thread (see BlockNormalizer).
 */
export class WallClockZones {
  readonly #zones = new Map<string, WallClockZone>();

  /** The zone of the upload's `timezone`; none is UTC. Throws RangeError for a zone the runtime does not know. */
  of(name: string | null | undefined): WallClockZone {
    if (name == null) return UTC_WALL_CLOCK;
    let zone = this.#zones.get(name);
    if (zone === undefined) {
      if (this.#zones.size >= MAX_ZONES) this.#zones.clear();
      zone = new IntlWallClockZone(name);
      this.#zones.set(name, zone);
    }
    return zone;
  }
}

import type { Reason, Zone } from './types.js';

const RANK: Record<Zone, number> = { green: 0, yellow: 1, red: 2 };

export function zoneRank(zone: Zone): number {
  return RANK[zone];
}

export function maxZone(...zones: Zone[]): Zone {
  let best: Zone = 'green';
  for (const z of zones) if (RANK[z] > RANK[best]) best = z;
  return best;
}

/** The zone of a set of reasons; no reason at all is green. */
export function zoneOf(reasons: readonly Reason[]): Zone {
  let best: Zone = 'green';
  for (const r of reasons) if (RANK[r.zone] > RANK[best]) best = r.zone;
  return best;
}

export function atLeast(zone: Zone, floor: Zone): boolean {
  return RANK[zone] >= RANK[floor];
}

export function isZone(value: unknown): value is Zone {
  return value === 'green' || value === 'yellow' || value === 'red';
}

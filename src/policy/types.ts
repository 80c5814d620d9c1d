import type { Zone } from '../engine/types.js';

/** An `overrides` entry: lowers one named red rule on named paths (path/change rules) or commands (step rules). */
export interface Override {
  rule: string;
  paths?: string[];
  commands?: string[];
  zone: Exclude<Zone, 'red'>;
}

export interface SecretPattern {
  id: string;
  regex: string;
  keywords?: string[];
}

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/**
 * The resolved `.github/agent-zones.yml` (config.md), defaults filled in. Key names are the YAML
 * key names so that the JSON Schema, the loader and this type describe one thing.
 */
export interface Policy {
  version: 1;
  /** Where the config lives; it is a `path:gate-config` path as well. */
  configPath: string;
  agents: { authors: string[]; branches: string[]; labels: string[]; all: boolean };
  paths: { green: string[]; yellow: string[]; red: string[] };
  deletions: { allow: string[] };
  overrides: Override[];
  network: { allow: string[] };
  secrets: { patterns: SecretPattern[]; allow: string[] };
  commands: { green: string[]; yellow: string[]; red: string[] };
  approvals: { count: number; users: string[]; teams: string[]; permission: 'write' | 'maintain' | 'admin' };
  automerge: { green: boolean; yellow: boolean; method: 'merge' | 'squash' | 'rebase' };
  drift: { enabled: boolean; weekday: Weekday; hour: number; 'promote-after': number };
}

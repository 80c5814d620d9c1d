import type { Decision, FileResult, Reason, StepResult } from './types.js';
import { maxZone, zoneOf } from './zone.js';

/** The zone of the whole is the highest of every file, step and PR-level reason. */
export function buildDecision(files: FileResult[], steps: StepResult[], reasons: Reason[]): Decision {
  const zone = maxZone(zoneOf(reasons), ...files.map((f) => f.zone), ...steps.map((s) => s.zone));
  return { zone, files, steps, reasons };
}

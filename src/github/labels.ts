import type { Zone } from '../engine/types.js';
import type { Snapshot } from './snapshot.js';
import { ZONE_LABEL_COLOURS, ZONE_LABELS, type Octokit, type RepoRef } from './types.js';

/**
 * Exactly one zone label on the PR. Labels are output only: the decision never reads them, so adding
 * or removing one by hand changes nothing (the next decision puts the right one back).
 */
export async function setZoneLabel(octokit: Octokit, repo: RepoRef, snap: Snapshot, zone: Zone): Promise<void> {
  const wanted = ZONE_LABELS[zone];
  const issue = { ...repo, issue_number: snap.pr.id };
  const known = new Map(snap.zoneLabels.map((l) => [l.name.toLowerCase(), l]));
  if (!known.has(wanted.toLowerCase())) {
    try {
      await octokit.rest.issues.createLabel({ ...repo, name: wanted, color: ZONE_LABEL_COLOURS[zone], description: `agent-zones: ${zone} zone` });
    } catch (e) {
      if ((e as { status?: number }).status !== 422) throw e; // created meanwhile by another replica
    }
  }
  for (const other of Object.values(ZONE_LABELS)) {
    if (other === wanted || !snap.pr.labels.some((l) => l.toLowerCase() === other.toLowerCase())) continue;
    try {
      await octokit.rest.issues.removeLabel({ ...issue, name: other });
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw e;
    }
  }
  if (!snap.pr.labels.some((l) => l.toLowerCase() === wanted.toLowerCase())) {
    await octokit.rest.issues.addLabels({ ...issue, labels: [wanted] });
  }
}

import type { Zone } from '../engine/types.js';
import { setZoneLabel } from '../github/labels.js';
import type { Snapshot } from '../github/snapshot.js';
import { ZONE_LABELS, type Octokit, type RepoRef } from '../github/types.js';

/**
 * Sets exactly one zone label, as the App does, with setZoneLabel. The PR's labels are read fresh
 * (the event's may be stale by a previous run); setZoneLabel reads only `pr.id`, `pr.labels` and
 * `zoneLabels` of its snapshot, so a partial one is built here instead of the App's GraphQL query.
 */
export async function labelPullRequest(octokit: Octokit, repo: RepoRef, number: number, zone: Zone): Promise<string[]> {
  const current = (await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, { ...repo, issue_number: number, per_page: 100 })) as { name: string; color: string }[];
  const zoneNames = Object.values(ZONE_LABELS).map((l) => l.toLowerCase());
  const partial = {
    zoneLabels: current.filter((l) => zoneNames.includes(l.name.toLowerCase())),
    pr: { id: number, labels: current.map((l) => l.name) },
  };
  await setZoneLabel(octokit, repo, partial as unknown as Snapshot, zone);
  const others = current.map((l) => l.name).filter((n) => !zoneNames.includes(n.toLowerCase()));
  return [...others, ZONE_LABELS[zone]];
}

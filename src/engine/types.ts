/** The three trust zones, ordered green < yellow < red. */
export type Zone = 'green' | 'yellow' | 'red';

/** One rule that fired: the rule id of the spec, the zone it asks for, and what a reviewer can act on. */
export interface Reason {
  rule: string;
  zone: Zone;
  message: string;
  /** 1-based line in the new file (files) or in the workflow / script (steps), where there is one. */
  line?: number;
}

export type FileStatus = 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed';

export interface FileResult {
  path: string;
  previousPath: string | null;
  status: FileStatus;
  zone: Zone;
  reasons: Reason[];
}

export interface StepResult {
  workflow: string | null;
  job: string | null;
  step: string | null;
  zone: Zone;
  reasons: Reason[];
}

export interface Decision {
  zone: Zone;
  files: FileResult[];
  steps: StepResult[];
  reasons: Reason[];
}

/**
 * What the engine knows about the place a command runs. Everything is optional: where a fact is
 * missing the rules assume the worst (a bare `git push` is a push to the default branch, `v1.2.3`
 * is a tag).
 */
export interface StepContext {
  /** Branch checked out where the command runs, when known. */
  currentBranch?: string | null;
  /** The repository's default branch, when known. */
  defaultBranch?: string | null;
  /** Known tag names, when known. */
  tags?: string[];
  /** Absolute path of the workspace (the hook's cwd, $GITHUB_WORKSPACE); relative paths resolve here. */
  workspace?: string | null;
  /** Home directory, used to recognise absolute paths under `~`. */
  home?: string | null;
  /** True for a workflow `run:` step (GitHub contexts such as `${{ secrets.X }}` may appear). */
  inWorkflow?: boolean;
}

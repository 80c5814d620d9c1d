/**
 * Action families of the `uses:` table. Names are lower-case `owner/repo[/path]`; an entry ending in
 * `/*` covers the whole owner. The spec lists examples of families: the word checks below catch the
 * unnamed members (`JamesIves/github-pages-deploy-action`, `pypa/gh-action-pypi-publish`).
 */

/** Publishing, release, deploy and push-to-the-repo actions (`step:deploy-action`). */
export const DEPLOY_ACTIONS: readonly string[] = [
  'actions/deploy-pages',
  'aws-actions/*',
  'azure/*',
  'google-github-actions/*',
  'docker/login-action',
  'softprops/action-gh-release',
  'peter-evans/create-pull-request',
  'stefanzweifel/git-auto-commit-action',
  // Unnamed members of the family: they deploy, publish, push or open a session on a server.
  'peaceiris/actions-gh-pages',
  'ad-m/github-push-action',
  'endbug/add-and-commit',
  'changesets/action',
  'cloudflare/wrangler-action',
  'cloudflare/pages-action',
  'amondnet/vercel-action',
  'netlify/actions',
  'superfly/flyctl-actions',
  'pulumi/actions',
  'appleboy/ssh-action',
  'appleboy/scp-action',
  'easingthemes/ssh-deploy',
  'samkirkland/ftp-deploy-action',
  'hashicorp/tfc-workflows-github',
  'dflook/terraform-apply',
  'dflook/terraform-destroy',
  'ncipollo/release-action',
  'svenstaro/upload-release-action',
  'pypa/gh-action-pypi-publish',
  'js-devtools/npm-publish',
  'crazy-max/ghaction-github-pages',
  'akhileshns/heroku-deploy',
  'azure-actions/*',
  'digitalocean/app_action',
  'digitalocean/action-doctl',
];

/** Words that, anywhere in an action's name, make it a deploy action. */
export const DEPLOY_WORDS: readonly string[] = ['deploy', 'publish', 'release'];

/** Actions that approve or merge pull requests (`step:approve-action`). */
export const APPROVE_ACTIONS: readonly string[] = [
  'hmarr/auto-approve-action',
  'pascalgn/automerge-action',
  'juliangruber/approve-pull-request-action',
  'peter-evans/enable-pull-request-automerge',
  'ahmadnassri/action-dependabot-auto-merge',
  'fastify/github-action-merge-dependabot',
  'ridedott/merge-me-action',
  'pascalgn/merge-action',
  'keisukeyamashita/auto-pull-request-merge',
  'reitermarkus/automerge',
];

/** Words that, anywhere in an action's name, make it an approve/merge action. */
export const APPROVE_WORDS: readonly string[] = ['approve', 'automerge', 'auto-merge', 'auto_merge', 'merge-me', 'merge-pull-request', 'pull-request-merge', 'merge-pr'];

/** Owners whose actions GitHub itself publishes. */
export const FIRST_PARTY_OWNERS: readonly string[] = ['actions', 'github'];

export function listed(name: string, list: readonly string[]): boolean {
  const lower = name.toLowerCase();
  const [owner, repo] = lower.split('/');
  return list.some((entry) => {
    if (entry.endsWith('/*')) return owner === entry.slice(0, -2);
    return lower === entry || `${owner}/${repo}` === entry || lower.startsWith(`${entry}/`);
  });
}

export function holdsWord(name: string, words: readonly string[]): string | null {
  const lower = name.toLowerCase();
  return words.find((w) => lower.includes(w)) ?? null;
}

import { applyOverrides } from '../../overrides.js';
import type { Reason } from '../../types.js';
import type { Policy } from '../../../policy/types.js';
import { textReadsCredential } from '../workflow/expressions.js';
import { templateInjectionReasons } from '../workflow/template-injection.js';
import { APPROVE_ACTIONS, APPROVE_WORDS, DEPLOY_ACTIONS, DEPLOY_WORDS, FIRST_PARTY_OWNERS, holdsWord, listed } from './action-lists.js';
import { parseUses, type UsesRef } from './parse-ref.js';

export { parseUses, refKind, type UsesRef, type RefKind } from './parse-ref.js';

/** A reason of a `uses:` step, with the `with:` input it was found in (the workflow maps it to a line). */
export interface UsesFinding {
  reason: Reason;
  input?: string;
}

const PUSH_ACTIONS = ['docker/build-push-action', 'docker/bake-action'];

/** An input by name; action inputs are case-insensitive (`Push:` is `INPUT_PUSH`). */
export function inputValue(withInputs: Record<string, string>, name: string): string | undefined {
  if (withInputs[name] !== undefined) return withInputs[name];
  const key = Object.keys(withInputs).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : withInputs[key];
}

export function inputKey(withInputs: Record<string, string>, name: string): string | undefined {
  if (withInputs[name] !== undefined) return name;
  return Object.keys(withInputs).find((k) => k.toLowerCase() === name);
}

function pinNote(ref: UsesRef & { form: 'remote' }): string {
  switch (ref.refKind) {
    case 'sha':
      return 'pinned to a full commit SHA';
    case 'missing':
      return 'NOT pinned: no `@ref` at all (GitHub rejects it; whatever it resolves to is unknown)';
    case 'short-sha':
      return `NOT pinned: \`@${ref.ref}\` is a short SHA, which can be made ambiguous; use the full 40-character SHA`;
    default:
      return `NOT pinned to a full 40-character commit SHA: \`@${ref.ref}\` is a tag or branch its owner can move`;
  }
}

/** The push input of docker/build-push-action (and bake): true, or an expression that may be true. */
function pushes(withInputs: Record<string, string>): string | null {
  const push = (inputValue(withInputs, 'push') ?? '').trim();
  if (/^true$/i.test(push)) return 'push: true';
  if (push.includes('${{')) return `push: ${push} (an expression that may be true)`;
  const outputs = inputValue(withInputs, 'outputs') ?? '';
  if (/push\s*=\s*true|type\s*=\s*registry/i.test(outputs)) return `outputs: ${outputs.trim()}`;
  return null;
}

function actionReasons(uses: string, ref: UsesRef, withInputs: Record<string, string>): UsesFinding[] {
  const out: UsesFinding[] = [];
  const add = (reason: Reason, input?: string): void => {
    out.push(input === undefined ? { reason } : { reason, input });
  };
  if (ref.form === 'malformed') {
    add({ rule: 'step:obfuscated', zone: 'red', message: `\`uses: ${uses}\` cannot be read as an action reference: ${ref.why}; what it runs is unknown` });
    return out;
  }
  if (ref.form === 'local') {
    add({ rule: 'step:third-party-action', zone: 'yellow', message: `local action \`${uses}\`: its code lives in this repository, so the change under review can rewrite what it runs; review the action's files` });
    return out;
  }
  if (ref.form === 'docker') {
    const pinned = /@sha256:[0-9a-f]{64}$/i.test(ref.image);
    add({
      rule: 'step:third-party-action',
      zone: 'yellow',
      message: `container action \`${uses}\` runs a third-party image with the job's token and workspace; ${pinned ? 'pinned by digest' : 'NOT pinned by digest (`@sha256:...`): the tag can be repointed'}`,
    });
    return out;
  }

  const name = ref.name;
  const firstParty = FIRST_PARTY_OWNERS.includes(ref.owner);
  const approveWord = holdsWord(name, APPROVE_WORDS);
  const deployWord = holdsWord(name, DEPLOY_WORDS);
  const isApprove = listed(name, APPROVE_ACTIONS) || approveWord !== null;
  const isDeploy = listed(name, DEPLOY_ACTIONS) || deployWord !== null;

  if (isApprove) {
    add({ rule: 'step:approve-action', zone: 'red', message: `\`${uses}\` approves or merges pull requests: a workflow must not approve its own changes; a human approves` });
  }
  if (isDeploy) {
    const why = listed(name, DEPLOY_ACTIONS) ? 'a publishing, release or deploy action' : `its name holds "${deployWord}"`;
    add({ rule: 'step:deploy-action', zone: 'red', message: `\`${uses}\` is ${why}: it changes something outside this repository (production, a registry, releases or the default branch); a human must approve deploy steps` });
  }
  if (PUSH_ACTIONS.includes(`${ref.owner}/${ref.repo}`)) {
    const push = pushes(withInputs);
    if (push) add({ rule: 'step:deploy-action', zone: 'red', message: `\`${uses}\` with \`${push}\` pushes an image to a registry: a publish step` }, inputKey(withInputs, 'push') ?? inputKey(withInputs, 'outputs'));
  }

  if (firstParty && !isDeploy && !isApprove) {
    const isScript = name === 'actions/github-script';
    if (isScript) {
      add({ rule: 'step:first-party-action', zone: 'yellow', message: `\`${uses}\` runs arbitrary JavaScript with the job's token; review the \`script:\` (${pinNote(ref)})` });
      const script = inputValue(withInputs, 'script') ?? '';
      for (const reason of templateInjectionReasons(script, 'script:', () => undefined)) add(reason, inputKey(withInputs, 'script'));
    } else if (ref.refKind === 'sha' || ref.refKind === 'version') {
      add({ rule: 'step:first-party-action', zone: 'green', message: `\`${uses}\` is a GitHub-maintained action referenced by ${ref.refKind === 'sha' ? 'full commit SHA' : 'tag'}` });
    } else {
      const what = ref.refKind === 'missing' ? 'has no `@ref`' : ref.refKind === 'short-sha' ? `uses a short SHA \`@${ref.ref}\`` : `follows the branch \`@${ref.ref}\`, which changes under you`;
      add({ rule: 'step:first-party-action', zone: 'yellow', message: `\`${uses}\` is a GitHub-maintained action but ${what}; reference a tag or a full commit SHA` });
    }
  } else if (!firstParty) {
    add({ rule: 'step:third-party-action', zone: 'yellow', message: `third-party action \`${uses}\` runs code from ${ref.owner}/${ref.repo} with the job's token; ${pinNote(ref)}` });
  } else if (ref.refKind !== 'sha' && ref.refKind !== 'version') {
    add({ rule: 'step:first-party-action', zone: 'yellow', message: `\`${uses}\`: ${pinNote(ref)}` });
  }
  return out;
}

function credentialInputs(uses: string, withInputs: Record<string, string>): UsesFinding[] {
  const out: UsesFinding[] = [];
  for (const [key, value] of Object.entries(withInputs)) {
    if (!textReadsCredential(value)) continue;
    out.push({
      input: key,
      reason: {
        rule: 'step:credential-access',
        zone: 'red',
        message: `\`with: ${key}: ${value.trim().split('\n')[0]}\` hands a secret or the GitHub token to \`${uses}\`; the action can use or leak it`,
      },
    });
  }
  return out;
}

/**
 * Every finding of a `uses:` step with the `with:` input it came from. Used by the workflow rules,
 * which know the lines; `classifyUses` is the same without the input names.
 */
export function classifyUsesFindings(uses: string, withInputs: Record<string, string>, policy: Policy): UsesFinding[] {
  const trimmed = uses.trim();
  const ref = parseUses(trimmed);
  const findings = [...actionReasons(trimmed, ref, withInputs), ...credentialInputs(trimmed, withInputs)];
  // Overrides name commands; for an action the `uses:` value is its command.
  const lowered = applyOverrides(
    findings.map((f) => f.reason),
    { command: trimmed },
    policy,
  );
  return findings.map((f, i) => ({ ...f, reason: lowered[i] ?? f.reason }));
}

/** `agent-zones step --uses OWNER/REPO[/PATH]@REF --with K=V`: the reasons of one action step. */
export function classifyUses(uses: string, withInputs: Record<string, string>, policy: Policy): Reason[] {
  return classifyUsesFindings(uses, withInputs, policy).map((f) => f.reason);
}

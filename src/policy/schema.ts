/**
 * The JSON Schema of `.github/agent-zones.yml` (config.md). This constant is the single source: the
 * loader validates with it (src/policy/structure.ts) and `npm run schema` writes it to
 * agent-zones.schema.json for editors, so the two cannot drift (a test fails when the committed file
 * is stale). Draft-07 because it is what editor YAML/JSON language servers support best.
 *
 * The schema holds everything structural (keys, types, enums, ranges, simple shapes); checks it cannot
 * express (globs and regexes compile, override rules exist and are not locked, ...) live in
 * src/policy/semantics.ts.
 */

const stringList = (description: string, extra: Record<string, unknown> = {}) =>
  ({
    type: 'array',
    description,
    default: [],
    items: { type: 'string', minLength: 1, ...extra },
  }) as const;

const globList = (description: string) =>
  stringList(
    `${description} Globs use gitignore anchoring: a pattern without \`/\` matches a name at any depth, one with \`/\` is anchored at the repository root.`,
  );

/** A GitHub login, an org team, a label: no whitespace. Kept loose on purpose: a too-strict pattern is a config error, and a config error makes every PR red. */
const NO_SPACE = '^\\S+$';

/** A host name (optionally `*.` + domain), an IPv4 address, or an IPv6 address (bare or in brackets). No scheme, port or path. */
export const HOST_PATTERN =
  '^(?:(?:\\*\\.)?[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*|\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\\]?)$';

/** `_extends`: `repo`, `owner/repo`, each with an optional `:path/to/file.yml` (the Probot form). */
export const EXTENDS_PATTERN = '^(?:[A-Za-z0-9][A-Za-z0-9-]{0,38}/)?[A-Za-z0-9._-]+(?::[A-Za-z0-9._/-]+\\.ya?ml)?$';

export const SECRET_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'agent-zones configuration (.github/agent-zones.yml)',
  description:
    'Configures agent-zones: which pull requests are zoned, extra path and command rules, overrides of red rules, approvals, auto-merge and the weekly drift report. Every key is optional; no file means the built-in default policy.',
  type: 'object',
  additionalProperties: false,
  properties: {
    _extends: {
      type: 'string',
      description:
        'Merge a shared config under this one, as Probot apps do: `.github` (the `.github` repository of the same owner), `repo`, or `owner/repo`, each with an optional `:path` (default `.github/agent-zones.yml`). Lists are concatenated; values in this file win.',
      pattern: EXTENDS_PATTERN,
      examples: ['.github', 'my-org/.github', 'my-org/policies:agent-zones/strict.yml'],
    },
    version: {
      description: 'Config format version. Only 1 exists.',
      type: 'integer',
      enum: [1],
      default: 1,
    },
    agents: {
      type: 'object',
      description: 'Which pull requests are zoned. The built-in agent authors, branches and labels are extended, not replaced.',
      additionalProperties: false,
      default: {},
      properties: {
        authors: stringList(
          'More PR author logins that are agents, e.g. "my-agent[bot]". Built in: Copilot, copilot-swe-agent[bot], claude[bot], devin-ai-integration[bot], google-labs-jules[bot], chatgpt-codex-connector[bot], cursor[bot], sweep-ai[bot], codegen-sh[bot].',
          { pattern: NO_SPACE },
        ),
        branches: stringList(
          'More head-branch globs that mark an agent PR. Built in: copilot/**, claude/**, codex/**, cursor/**, devin/**, jules/**, agent/**.',
        ),
        labels: stringList('More labels that mark an agent PR. Built in: agent.'),
        all: {
          type: 'boolean',
          description: 'Zone every pull request, human or agent.',
          default: false,
        },
      },
    },
    paths: {
      type: 'object',
      description:
        'More globs for the path rules. `red` always raises; `green` and `yellow` re-zone only files that no red rule (built in or configured) matches, so `green: ["**"]` never lowers a red file.',
      additionalProperties: false,
      default: {},
      properties: {
        green: globList('Designated output folders and other safe paths (files no red rule matches).'),
        yellow: globList('Paths that are yellow (files no red rule matches).'),
        red: globList('Paths that are always red, e.g. src/billing/**.'),
      },
    },
    deletions: {
      type: 'object',
      description: 'Deleting a file is red by default.',
      additionalProperties: false,
      default: {},
      properties: {
        allow: globList('Globs where a deletion is yellow instead of red (never green).'),
      },
    },
    overrides: {
      type: 'array',
      description:
        'Lower a named red rule on named paths (path, change and content rules) or commands (step rules) to yellow or green. Locked rules cannot be lowered, and `change:delete` never below yellow.',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'zone'],
        anyOf: [{ required: ['paths'] }, { required: ['commands'] }],
        properties: {
          rule: {
            type: 'string',
            minLength: 1,
            description: 'The id of a red, unlocked rule, e.g. path:migration or step:delete.',
            examples: ['path:migration', 'path:production', 'step:delete', 'step:network'],
          },
          paths: {
            ...globList('The paths the override applies to (for path, change and content rules).'),
            minItems: 1,
          },
          commands: {
            ...stringList(
              'The commands the override applies to (for step rules): one simple command each, `*` as a wildcard, e.g. "rm -rf .turbo".',
            ),
            minItems: 1,
          },
          zone: {
            type: 'string',
            enum: ['yellow', 'green'],
            description: 'The zone the rule is lowered to.',
          },
        },
      },
      examples: [[{ rule: 'path:migration', paths: ['tools/migrations/**'], zone: 'yellow' }]],
    },
    network: {
      type: 'object',
      description: 'Network access of workflow steps and agent commands.',
      additionalProperties: false,
      default: {},
      properties: {
        allow: stringList(
          'Hosts added to the default allow list (localhost, 127.0.0.1, ::1, github.com, api.github.com, uploads.github.com): exact host names or `*.example.com`, no scheme, port or path.',
          { pattern: HOST_PATTERN },
        ),
      },
    },
    secrets: {
      type: 'object',
      description: 'Secret detection in added lines.',
      additionalProperties: false,
      default: {},
      properties: {
        patterns: {
          type: 'array',
          description: 'Extra secret detectors.',
          default: [],
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'regex'],
            properties: {
              id: {
                type: 'string',
                minLength: 1,
                pattern: SECRET_ID_PATTERN,
                description: 'A name for the detector, shown in the reason, e.g. acme-key.',
              },
              regex: {
                type: 'string',
                minLength: 1,
                description: 'A JavaScript regular expression matching the secret, e.g. "ACME_[A-Z0-9]{32}".',
              },
              keywords: stringList('Literal strings one of which must appear on the line before the regex is tried (a cheap prefilter).'),
            },
          },
          examples: [[{ id: 'acme-key', regex: 'ACME_[A-Z0-9]{32}', keywords: ['ACME_'] }]],
        },
        allow: stringList('JavaScript regular expressions of literal values known not to be secrets (placeholders).'),
      },
    },
    commands: {
      type: 'object',
      description:
        'Patterns for one simple command (after unwrapping), `*` as a wildcard, e.g. "make docs" or "npm run e2e*". Matched against each command of a script, never the whole script. `green`/`yellow` apply only to commands no red rule matches.',
      additionalProperties: false,
      default: {},
      properties: {
        green: stringList('Commands that are green (when no red rule matches them).'),
        yellow: stringList('Commands that are yellow (when no red rule matches them).'),
        red: stringList('Commands that are always red.'),
      },
    },
    approvals: {
      type: 'object',
      description: 'What unlocks a red PR. Whatever this says, an approver is a human who is not the author, pushed no commit to the PR and is not a known agent.',
      additionalProperties: false,
      default: {},
      properties: {
        count: {
          type: 'integer',
          minimum: 1,
          default: 1,
          description: 'Approving reviews needed, on the current head commit.',
        },
        users: stringList('If set, only these logins count.', { pattern: NO_SPACE }),
        teams: stringList('If set, members of these org teams count (slug or org/slug).', { pattern: NO_SPACE }),
        permission: {
          type: 'string',
          enum: ['write', 'maintain', 'admin'],
          default: 'write',
          description: 'Minimum repository permission of an approver.',
        },
      },
    },
    automerge: {
      type: 'object',
      description: 'Auto-merge of agent PRs, at the classified head commit only.',
      additionalProperties: false,
      default: {},
      properties: {
        green: { type: 'boolean', default: true, description: 'Enable auto-merge for green agent PRs.' },
        yellow: { type: 'boolean', default: false, description: 'Enable auto-merge for yellow agent PRs.' },
        method: {
          type: 'string',
          enum: ['merge', 'squash', 'rebase'],
          default: 'squash',
          description: 'The merge method.',
        },
      },
    },
    drift: {
      type: 'object',
      description: "The App's weekly zone-drift issue.",
      additionalProperties: false,
      default: {},
      properties: {
        enabled: { type: 'boolean', default: true, description: 'Open the weekly zone-drift issue.' },
        weekday: {
          type: 'string',
          enum: [...WEEKDAYS],
          default: 'monday',
          description: 'The day (UTC) the drift issue is opened.',
        },
        hour: {
          type: 'integer',
          minimum: 0,
          maximum: 23,
          default: 9,
          description: 'The hour (UTC, 0-23) the drift issue is opened.',
        },
        'promote-after': {
          type: 'integer',
          minimum: 1,
          default: 5,
          description: 'Suggest promoting a yellow path to green after this many clean merges.',
        },
      },
    },
  },
} as const;

/** The committed agent-zones.schema.json, byte for byte. */
export function schemaFileText(): string {
  return `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`;
}

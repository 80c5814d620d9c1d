/**
 * Every leaf key with values it accepts and values it rejects. `structural` marks rejections the JSON
 * Schema itself makes (used by schema.test.ts for the schema/loader agreement).
 */
export interface KeyCase {
  path: string[];
  valid: unknown[];
  invalid: { value: unknown; structural: boolean; problem?: RegExp; fix?: RegExp }[];
}

const stringListInvalid = [
  { value: 'one', structural: true, problem: /expected a list of strings, got the string/, fix: /write it as a list/ },
  { value: null, structural: true, problem: /got nothing/, fix: /\[\]/ },
  { value: [1], structural: true, problem: /expected a string, got the number 1/ },
  { value: [true], structural: true, problem: /expected a string/ },
  { value: [''], structural: true, problem: /empty string/ },
  { value: { a: 1 }, structural: true, problem: /got a mapping/ },
  { value: [['nested']], structural: true, problem: /got a list/ },
];

const globListInvalid = [
  ...stringListInvalid,
  { value: ['[abc'], structural: false, problem: /not a valid glob/, fix: /close brackets/ },
  { value: ['{a,b'], structural: false, problem: /not a valid glob/ },
  { value: ['src/(x'], structural: false, problem: /not a valid glob/ },
  { value: ['!src/**'], structural: false, problem: /negated globs/ },
  { value: ['   '], structural: false, problem: /not a valid glob: empty glob/ },
];
const globListValid = [[], ['docs/**'], ['*.md', 'src/**/*.ts', 'build/'], ['**/generated/**', './out/**'], ['{a,b}/**', '[ab]*.txt']];

const commandListInvalid = [
  ...stringListInvalid,
  { value: ['   '], structural: false, problem: /not a valid command pattern/ },
  { value: ['npm ci && npm test'], structural: false, problem: /joins commands with `&&`/, fix: /its own entry/ },
  { value: ['make || true'], structural: false, problem: /joins commands with `\|\|`/ },
  { value: ['cd docs; make'], structural: false, problem: /joins commands with `;`/ },
  { value: ['cat x | sh'], structural: false, problem: /joins commands with `\|`/ },
  { value: ['echo $(id)'], structural: false, problem: /joins commands with `\$\(`/ },
  { value: ['echo `id`'], structural: false, problem: /joins commands/ },
  { value: ['make\ndocs'], structural: false, problem: /a line break/ },
];
const commandListValid = [[], ['make docs'], ['npm run e2e*', '*'], ['rm -rf .turbo'], ['grep "a|b" file', "echo 'x; y'", 'echo a\\;b']];

const intCase = (path: string[], valid: number[], invalid: number[]): KeyCase => ({
  path,
  valid,
  invalid: [
    ...invalid.map((value) => ({ value, structural: true, problem: /out of range/ })),
    { value: 1.5, structural: true, problem: /expected a whole number, got the number 1.5/ },
    { value: '2', structural: true, problem: /expected a whole number, got the string/, fix: /without quotes/ },
    { value: null, structural: true, problem: /got nothing/ },
    { value: true, structural: true, problem: /expected a whole number/ },
    { value: [1], structural: true, problem: /got a list/ },
  ],
});

const boolCase = (path: string[]): KeyCase => ({
  path,
  valid: [true, false],
  invalid: [
    { value: 'yes', structural: true, problem: /expected `true` or `false`, got the string "yes"/, fix: /YAML 1.2/ },
    { value: 'true', structural: true, problem: /expected `true` or `false`/, fix: /unquoted/ },
    { value: 1, structural: true, problem: /expected `true` or `false`, got the number 1/ },
    { value: null, structural: true, problem: /got nothing/ },
    { value: [], structural: true, problem: /got a list/ },
  ],
});

const enumCase = (path: string[], valid: string[], invalid: [unknown, RegExp][]): KeyCase => ({
  path,
  valid,
  invalid: [
    ...invalid.map(([value, fix]) => ({ value, structural: true, problem: /is not one of|expected a string/, fix })),
    { value: null, structural: true, problem: /got nothing/ },
  ],
});

export const KEY_CASES: KeyCase[] = [
  {
    path: ['version'],
    valid: [1],
    invalid: [
      { value: 2, structural: true, problem: /unsupported version 2/, fix: /version: 1/ },
      { value: 0, structural: true, problem: /unsupported version/ },
      { value: '1', structural: true, problem: /expected a whole number/ },
      { value: 1.5, structural: true, problem: /expected a whole number/ },
      { value: null, structural: true, problem: /got nothing/ },
    ],
  },
  { path: ['agents', 'authors'], valid: [[], ['my-agent[bot]', 'Copilot', 'user_emu']], invalid: [...stringListInvalid, { value: ['my agent'], structural: true, problem: /contains whitespace/ }] },
  { path: ['agents', 'branches'], valid: globListValid, invalid: globListInvalid },
  { path: ['agents', 'labels'], valid: [[], ['ai', 'agent work']], invalid: stringListInvalid },
  boolCase(['agents', 'all']),
  { path: ['paths', 'green'], valid: globListValid, invalid: globListInvalid },
  { path: ['paths', 'yellow'], valid: globListValid, invalid: globListInvalid },
  { path: ['paths', 'red'], valid: globListValid, invalid: globListInvalid },
  { path: ['deletions', 'allow'], valid: globListValid, invalid: globListInvalid },
  {
    path: ['network', 'allow'],
    valid: [[], ['registry.npmjs.org'], ['*.example.com', 'localhost', '10.0.0.1', '::1', '[::1]', 'files.pythonhosted.org', 'EXAMPLE.COM']],
    invalid: [
      ...stringListInvalid,
      { value: ['https://registry.npmjs.org/'], structural: true, problem: /is a URL, not a host name/, fix: /registry\.npmjs\.org/ },
      { value: ['example.com/path'], structural: true, problem: /has a path/, fix: /`example\.com`/ },
      { value: ['example.com:8080'], structural: true, problem: /has a port/, fix: /`example\.com`/ },
      { value: ['*'], structural: true, problem: /wildcard/ },
      { value: ['a.*.com'], structural: true, problem: /wildcard/ },
      { value: ['user@example.com'], structural: true, problem: /not a host name/ },
      { value: ['exa mple.com'], structural: true, problem: /not a host name/ },
      { value: ['*.com'], structural: false, problem: /every host under a top-level domain/ },
    ],
  },
  {
    path: ['secrets', 'patterns'],
    valid: [[], [{ id: 'acme-key', regex: 'ACME_[A-Z0-9]{32}' }], [{ id: 'a.b_c-1', regex: 'x{3}', keywords: ['x'] }]],
    invalid: [
      { value: 'ACME', structural: true, problem: /expected a list of mappings/ },
      { value: ['ACME_[A-Z]+'], structural: true, problem: /expected a mapping/, fix: /id: acme-key/ },
      { value: [{ regex: 'x+' }], structural: true, problem: /missing key `id`/, fix: /id: acme-key/ },
      { value: [{ id: 'a' }], structural: true, problem: /missing key `regex`/, fix: /regex:/ },
      { value: [{ id: 'a', regex: 'x', name: 'y' }], structural: true, problem: /unknown key `name`/ },
      { value: [{ id: 'a b', regex: 'x' }], structural: true, problem: /not a valid detector id/ },
      { value: [{ id: 'a', regex: 5 }], structural: true, problem: /expected a string/ },
      { value: [{ id: 'a', regex: 'x', keywords: 'x' }], structural: true, problem: /expected a list of strings/ },
      { value: [{ id: 'a', regex: '' }], structural: true, problem: /empty string/ },
      { value: [{ id: 'a', regex: '(' }], structural: false, problem: /not a valid JavaScript regular expression/, fix: /escape/ },
      { value: [{ id: 'a', regex: '(?i)acme_[a-z]+' }], structural: false, problem: /not a valid JavaScript regular expression/, fix: /inline flags/ },
      { value: [{ id: 'a', regex: '(a+)+b' }], structural: false, problem: /exponential/ },
      { value: [{ id: 'a', regex: '([a-z0-9]*_?)*$' }], structural: false, problem: /exponential/ },
      { value: [{ id: 'a', regex: 'x*' }], structural: false, problem: /matches the empty string/ },
    ],
  },
  {
    path: ['secrets', 'allow'],
    valid: [[], ['^your-[a-z-]+-here$', '^<[A-Z_]+>$', 'EXAMPLE$', '^gh[pousr]_', 'AKIAIOSFODNN7EXAMPLE']],
    invalid: [
      ...stringListInvalid,
      { value: ['[a-'], structural: false, problem: /not a valid JavaScript regular expression/ },
      { value: ['.*'], structural: false, problem: /real-looking secrets/, fix: /anchor/ },
      { value: ['gh[pousr]_.*'], structural: false, problem: /real-looking secrets/ },
      { value: ['AKIA[A-Z0-9]{16}'], structural: false, problem: /real-looking secrets/ },
      { value: ['[A-Za-z0-9]+'], structural: false, problem: /real-looking secrets/ },
      { value: ['^(x+x+)+y$'], structural: false, problem: /exponential/ },
    ],
  },
  { path: ['commands', 'green'], valid: commandListValid, invalid: commandListInvalid },
  { path: ['commands', 'yellow'], valid: commandListValid, invalid: commandListInvalid },
  { path: ['commands', 'red'], valid: commandListValid, invalid: commandListInvalid },
  intCase(['approvals', 'count'], [1, 2, 10], [0, -1]),
  { path: ['approvals', 'users'], valid: [[], ['alice', 'bob-smith']], invalid: [...stringListInvalid, { value: ['alice bob'], structural: true, problem: /whitespace/ }] },
  { path: ['approvals', 'teams'], valid: [[], ['security', 'my-org/security']], invalid: [...stringListInvalid, { value: ['my team'], structural: true, problem: /whitespace/ }] },
  enumCase(['approvals', 'permission'], ['write', 'maintain', 'admin'], [
    ['read', /use one of `write`, `maintain` or `admin`/],
    ['Write', /did you mean `write`/],
    ['admn', /did you mean `admin`/],
    [3, /use one of/],
  ]),
  boolCase(['automerge', 'green']),
  boolCase(['automerge', 'yellow']),
  enumCase(['automerge', 'method'], ['merge', 'squash', 'rebase'], [
    ['fast-forward', /use one of/],
    ['Squash', /did you mean `squash`/],
  ]),
  boolCase(['drift', 'enabled']),
  enumCase(['drift', 'weekday'], ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'], [
    ['Monday', /did you mean `monday`/],
    ['munday', /did you mean `monday`/],
    ['mon', /use one of|did you mean/],
    [1, /use one of/],
  ]),
  intCase(['drift', 'hour'], [0, 9, 23], [-1, 24, 100]),
  intCase(['drift', 'promote-after'], [1, 5, 100], [0, -3]),
];

export function objectAt(path: string[], value: unknown): Record<string, unknown> {
  let out: unknown = value;
  for (const k of [...path].reverse()) out = { [k]: out };
  return out as Record<string, unknown>;
}

